// Small RAII layer over the HDF5 C API (Debian libhdf5-dev) for Caffe's HDF5
// formats: HDF5Data/HDF5Output layers, .caffemodel.h5 and .solverstate.h5
// (Caffe src/caffe/util/hdf5.cpp, net.cpp ToHDF5, sgd_solver.cpp).
//
// Only the engine files named *hdf5*.cpp include this header (they alone get
// HDF5's include directory, see CMakeLists.txt). Every function throws instead
// of printing HDF5's error stack: IoError when a file cannot be opened or
// written, DataError when a dataset is missing or of an unsupported type,
// ShapeError on a shape mismatch. Messages name the file and the dataset.
#pragma once

#include <hdf5.h>

#include <string>
#include <vector>

namespace crema::h5 {

/// Owns one HDF5 identifier and closes it with the matching H5?close.
class Id {
 public:
  enum class Kind { kFile, kGroup, kDataset, kDataspace, kDatatype, kPropertyList };
  Id() = default;
  Id(hid_t id, Kind kind) : id_(id), kind_(kind) {}
  ~Id() { Close(); }
  Id(Id&& other) noexcept : id_(other.id_), kind_(other.kind_) { other.id_ = -1; }
  Id& operator=(Id&& other) noexcept;
  Id(const Id&) = delete;
  Id& operator=(const Id&) = delete;

  hid_t get() const { return id_; }
  operator hid_t() const { return id_; }  // NOLINT: pass straight to the C API
  bool valid() const { return id_ >= 0; }
  /// Closes now; returns false if HDF5 reported an error (e.g. a failed flush on file close).
  bool Close();

 private:
  hid_t id_ = -1;
  Kind kind_ = Kind::kFile;
};

/// Turns off HDF5's automatic error printing on this thread while alive.
class QuietErrors {
 public:
  QuietErrors();
  ~QuietErrors();
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

/// The innermost message on this thread's HDF5 error stack ("" if none), for error texts.
std::string LastError();

/// A dataset read as float (float, double and integer datasets are converted by HDF5).
/// shape is empty for a scalar dataset; data has the product of shape values.
struct Array {
  std::vector<int> shape;
  std::vector<float> data;
};

/// Opens an existing file read-only (or read-write). Throws IoError naming the path.
Id OpenFile(const std::string& path, bool writable = false);
/// Creates (truncates) a file on disk. Throws IoError naming the path.
Id CreateFile(const std::string& path);
/// Creates an HDF5 file held in memory only (core driver), to be written with WriteFileImage.
/// `name` is used in error texts.
Id CreateMemoryFile(const std::string& name);
/// Writes an in-memory file's bytes to `path` atomically (temp file + rename, see io.h). Throws IoError.
void WriteFileImage(hid_t file, const std::string& path);

/// Opens group `name` under `loc`; DataError "<where>: no group '<name>'" if absent.
Id OpenGroup(hid_t loc, const std::string& name, const std::string& where);
/// Creates group `name` under `loc`; IoError on failure.
Id CreateGroup(hid_t loc, const std::string& name, const std::string& where);
/// Whether a link (group or dataset) `name` exists directly under `loc`.
bool Exists(hid_t loc, const std::string& name);
/// Number of links (groups/datasets) directly under `loc` (Caffe hdf5_get_num_links).
int NumLinks(hid_t loc, const std::string& where);
/// Names of the links directly under `loc`, in name order (Caffe hdf5_get_name_by_idx).
std::vector<std::string> LinkNames(hid_t loc, const std::string& where);

/// Reads dataset `name` as float. `min_rank` is Caffe's MIN_DATA_DIM. Throws DataError when the
/// dataset is missing, of rank below min_rank, or not of float/integer class.
Array ReadArray(hid_t loc, const std::string& name, const std::string& where, int min_rank = 0);
/// Writes float dataset `name` with the given shape (contiguous, H5T_NATIVE_FLOAT, as Caffe's
/// hdf5_save_nd_dataset; an empty shape writes a scalar). Throws IoError.
void WriteArray(hid_t loc, const std::string& name, const std::vector<int>& shape, const float* data,
                const std::string& where);
/// Integer dataset of one element (Caffe hdf5_save_int / hdf5_load_int).
void WriteInt(hid_t loc, const std::string& name, int value, const std::string& where);
int ReadInt(hid_t loc, const std::string& name, const std::string& where);
/// Scalar fixed-length, NUL-terminated string dataset (Caffe hdf5_save_string); reading also
/// accepts variable-length strings (as h5py writes them).
void WriteString(hid_t loc, const std::string& name, const std::string& value, const std::string& where);
std::string ReadString(hid_t loc, const std::string& name, const std::string& where);

/// Appends rows to the extendible float dataset `name` (created on first use with an unlimited
/// first dimension, chunked by one append). `shape[0]` is the number of rows; the other
/// dimensions must equal the existing dataset's, else ShapeError. Throws IoError on write errors.
void AppendRows(hid_t loc, const std::string& name, const std::vector<int>& shape, const float* data,
                const std::string& where);

}  // namespace crema::h5
