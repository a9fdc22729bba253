#include "data/idx.h"

#include <zlib.h>

#include <cstring>
#include <fstream>
#include <iterator>

#include "common.h"

namespace crema {
namespace {

constexpr uint32_t kImagesMagic = 2051;
constexpr uint32_t kLabelsMagic = 2049;

uint32_t BigEndian32(const std::string& bytes, size_t offset) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data()) + offset;
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

std::string Gunzip(const std::string& compressed, const std::string& path) {
  z_stream zs;
  std::memset(&zs, 0, sizeof(zs));
  // 16 + MAX_WBITS: expect a gzip header.
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) throw DataError(Format(path, ": cannot initialise zlib"));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  zs.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  char buffer[1 << 16];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(buffer);
    zs.avail_out = sizeof(buffer);
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      const std::string msg = zs.msg ? zs.msg : "unexpected end of data";
      inflateEnd(&zs);
      throw DataError(Format(path, ": corrupt gzip data (", msg, ")"));
    }
    out.append(buffer, sizeof(buffer) - zs.avail_out);
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      throw DataError(Format(path, ": truncated gzip data"));
    }
  }
  inflateEnd(&zs);
  return out;
}

/// Reads the header of an IDX file: magic, then `rank` dimensions; checks the payload size.
std::vector<uint32_t> ParseHeader(const std::string& bytes, const std::string& path, uint32_t magic, int rank,
                                  const char* what) {
  const size_t header = 4 + 4 * static_cast<size_t>(rank);
  if (bytes.size() >= 4) {
    const uint32_t got = BigEndian32(bytes, 0);
    if (got != magic)
      throw DataError(Format(path, ": bad magic number ", got, " (expected ", magic, " for an IDX ", what,
                             " file; is this the right file?)"));
  }
  if (bytes.size() < header)
    throw DataError(Format(path, ": too short for an IDX ", what, " file (", bytes.size(), " bytes, header needs ",
                           header, ")"));
  std::vector<uint32_t> dims(rank);
  size_t payload = 1;
  for (int i = 0; i < rank; ++i) {
    dims[i] = BigEndian32(bytes, 4 + 4 * i);
    payload *= dims[i];
  }
  if (bytes.size() - header < payload)
    throw DataError(Format(path, ": truncated: header announces ", payload, " bytes of ", what, " data, found ",
                           bytes.size() - header));
  if (bytes.size() - header > payload)
    throw DataError(Format(path, ": ", bytes.size() - header - payload, " unexpected trailing bytes after the ",
                           what, " data"));
  return dims;
}

}  // namespace

std::string ReadMaybeGzFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(Format(path, ": cannot open file (", std::strerror(errno), ")"));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw DataError(Format(path, ": read error"));
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f && static_cast<unsigned char>(bytes[1]) == 0x8b)
    return Gunzip(bytes, path);
  return bytes;
}

IdxImages ReadIdxImages(const std::string& path) {
  const std::string bytes = ReadMaybeGzFile(path);
  const auto dims = ParseHeader(bytes, path, kImagesMagic, 3, "images");
  if (dims[1] == 0 || dims[2] == 0) throw DataError(Format(path, ": image size ", dims[1], "x", dims[2], " is empty"));
  IdxImages out;
  out.count = static_cast<int>(dims[0]);
  out.rows = static_cast<int>(dims[1]);
  out.cols = static_cast<int>(dims[2]);
  out.pixels.assign(bytes.begin() + 16, bytes.end());
  return out;
}

std::vector<uint8_t> ReadIdxLabels(const std::string& path) {
  const std::string bytes = ReadMaybeGzFile(path);
  ParseHeader(bytes, path, kLabelsMagic, 1, "labels");
  return std::vector<uint8_t>(bytes.begin() + 8, bytes.end());
}

}  // namespace crema
