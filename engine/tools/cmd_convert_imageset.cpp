// crema-cli convert-imageset [FLAGS] ROOTFOLDER/ LISTFILE DB_NAME
// (BVLC Caffe's tools/convert_imageset.cpp). LISTFILE holds "path label" lines (split at the
// last space); each image ROOTFOLDER + path becomes one Datum (raw BGR/gray pixels, or encoded
// bytes with --encoded) under the key "%08d_<path>" (the line's index after any shuffle).
// Flags as Caffe: --gray, --shuffle, --backend lmdb (leveldb is refused), --resize_width,
// --resize_height, --check_size, --encoded, --encode_type png|jpg. Extension: --seed N makes
// --shuffle reproducible (Caffe seeds it randomly).
// Like Caffe, an image that cannot be read is logged ("Could not open or find file ...") and
// skipped; its line index is not reused. The database is written to DB_NAME.partial and renamed
// at the end; an existing DB_NAME is refused (Caffe's mkdir fails too).
#include <cstdio>
#include <filesystem>

#include "caffe.pb.h"
#include "common.h"
#include "data/image_data_layer.h"
#include "data/image_io.h"
#include "data/lmdb_db.h"
#include "log.h"
#include "rng.h"
#include "tools/commands.h"
#include "tools/flags.h"

namespace crema::tools {
namespace {

bool BoolFlag(const Flags& flags, const std::string& name) {
  return flags.Has(name) && flags.Get(name) != "false" && flags.Get(name) != "0";
}

}  // namespace

int ConvertImageset(const Args& args) {
  namespace fs = std::filesystem;
  Flags flags(args, {"backend", "resize_width", "resize_height", "encode_type", "seed"},
              {"gray", "shuffle", "check_size", "encoded"});
  if (flags.positional().size() != 3) throw UsageError("expects ROOTFOLDER/ LISTFILE DB_NAME");
  const std::string backend = flags.Get("backend", "lmdb");
  if (backend == "leveldb")
    throw UsageError("--backend leveldb is not supported: Crema reads and writes LMDB only (use --backend lmdb)");
  if (backend != "lmdb") throw UsageError("unknown --backend '" + backend + "' (lmdb)");
  const bool is_color = !BoolFlag(flags, "gray");
  const bool check_size = BoolFlag(flags, "check_size");
  bool encoded = BoolFlag(flags, "encoded");
  const std::string encode_type = flags.Get("encode_type", "");
  const int resize_width = flags.GetInt("resize_width", 0);
  const int resize_height = flags.GetInt("resize_height", 0);
  if (resize_width < 0 || resize_height < 0) throw UsageError("--resize_width/--resize_height must be >= 0");
  const auto& p = flags.positional();
  const std::string root = p[0], list = p[1], db_path = p[2];

  std::vector<std::pair<std::string, int>> lines = ReadImageList(list);
  if (BoolFlag(flags, "shuffle")) {
    LOG_INFO("Shuffling data");
    Rng rng(flags.Has("seed") ? flags.GetInt("seed", -1) : -1);
    ShuffleImageList(&lines, rng);
  }
  LOG_INFO("A total of ", lines.size(), " images.");
  if (!encode_type.empty() && !encoded) {
    LOG_INFO("encode_type specified, assuming encoded=true.");
    encoded = true;
  }

  std::error_code ec;
  if (fs::exists(db_path, ec)) throw DataError(Format("'", db_path, "' already exists; remove it first"));
  const std::string partial = db_path + ".partial";
  fs::remove_all(partial, ec);
  int count = 0;
  {
    LmdbWriter writer(partial, 1000);
    caffe::Datum datum;
    std::string value;
    size_t data_size = 0;
    bool data_size_initialized = false;
    for (size_t line_id = 0; line_id < lines.size(); ++line_id) {
      const std::string& name = lines[line_id].first;
      std::string enc = encode_type;
      if (encoded && enc.empty()) {
        // Guess the encoding from the file name (Caffe does the same).
        const size_t dot = name.rfind('.');
        if (dot == std::string::npos) LOG_WARN("Failed to guess the encoding of '", name, "'");
        enc = dot == std::string::npos ? std::string("png") : name.substr(dot + 1);
      }
      try {
        ReadImageToDatum(root + name, lines[line_id].second, resize_height, resize_width, is_color, enc, &datum);
      } catch (const DataError& e) {
        LOG_ERROR("Could not open or find file ", root + name, " (", e.what(), ")");
        continue;
      }
      if (check_size) {
        if (!data_size_initialized) {
          data_size = static_cast<size_t>(datum.channels()) * datum.height() * datum.width();
          data_size_initialized = true;
        } else if (datum.data().size() != data_size) {
          throw DataError(Format("Incorrect data field size ", datum.data().size(), " for '", name, "' (expected ",
                                 data_size, ")"));
        }
      }
      char prefix[16];
      std::snprintf(prefix, sizeof(prefix), "%08d", static_cast<int>(line_id));
      datum.SerializeToString(&value);
      writer.Put(std::string(prefix) + "_" + name, value);
      if (++count % 1000 == 0) LOG_INFO("Processed ", count, " files.");
    }
    writer.Commit();
  }
  if (count % 1000 != 0) LOG_INFO("Processed ", count, " files.");
  fs::rename(partial, db_path, ec);
  if (ec) throw DataError(Format("cannot move '", partial, "' to '", db_path, "': ", ec.message()));
  return 0;
}

}  // namespace crema::tools
