#include "io/hdf5.h"

#include <sys/stat.h>

#include <atomic>
#include <cstring>
#include <limits>
#include <numeric>

#include "common.h"
#include "io/io.h"

namespace crema::h5 {

namespace {

std::string Quoted(const std::string& where, const std::string& name) {
  return Format(where, ": dataset '", name, "'");
}

std::string Detail() {
  const std::string e = LastError();
  return e.empty() ? std::string() : " (HDF5: " + e + ")";
}

herr_t CollectInnermost(unsigned n, const H5E_error2_t* err, void* client) {
  auto* out = static_cast<std::string*>(client);
  if (n == 0 && err && err->desc) *out = err->desc;
  return 0;
}

std::vector<hsize_t> Dims(const std::vector<int>& shape) {
  return std::vector<hsize_t>(shape.begin(), shape.end());
}

}  // namespace

// ------------------------------------------------------------------ Id

Id& Id::operator=(Id&& other) noexcept {
  if (this != &other) {
    Close();
    id_ = other.id_;
    kind_ = other.kind_;
    other.id_ = -1;
  }
  return *this;
}

bool Id::Close() {
  if (id_ < 0) return true;
  herr_t status = 0;
  switch (kind_) {
    case Kind::kFile: status = H5Fclose(id_); break;
    case Kind::kGroup: status = H5Gclose(id_); break;
    case Kind::kDataset: status = H5Dclose(id_); break;
    case Kind::kDataspace: status = H5Sclose(id_); break;
    case Kind::kDatatype: status = H5Tclose(id_); break;
    case Kind::kPropertyList: status = H5Pclose(id_); break;
  }
  id_ = -1;
  return status >= 0;
}

QuietErrors::QuietErrors() {
  H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

QuietErrors::~QuietErrors() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }

std::string LastError() {
  std::string msg;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, CollectInnermost, &msg);
  return msg;
}

// ------------------------------------------------------------------ files

Id OpenFile(const std::string& path, bool writable) {
  QuietErrors quiet;
  Id f(H5Fopen(path.c_str(), writable ? H5F_ACC_RDWR : H5F_ACC_RDONLY, H5P_DEFAULT), Id::Kind::kFile);
  if (!f.valid()) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) throw IoError(Format("Cannot open HDF5 file '", path, "': no such file"));
    throw IoError(Format("Cannot open HDF5 file '", path, "'", Detail()));
  }
  return f;
}

Id CreateFile(const std::string& path) {
  QuietErrors quiet;
  Id f(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), Id::Kind::kFile);
  if (!f.valid()) throw IoError(Format("Cannot create HDF5 file '", path, "'", Detail()));
  return f;
}

Id CreateMemoryFile(const std::string& name) {
  QuietErrors quiet;
  static std::atomic<unsigned> counter{0};
  Id fapl(H5Pcreate(H5P_FILE_ACCESS), Id::Kind::kPropertyList);
  if (!fapl.valid() || H5Pset_fapl_core(fapl, 1 << 20, /*backing_store=*/0) < 0)
    throw IoError(Format("Cannot set up an in-memory HDF5 file for '", name, "'", Detail()));
  // The core driver still wants a unique name per open file.
  const std::string mem_name = Format("crema-mem-", counter++, "-", name);
  Id f(H5Fcreate(mem_name.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl), Id::Kind::kFile);
  if (!f.valid()) throw IoError(Format("Cannot create an in-memory HDF5 file for '", name, "'", Detail()));
  return f;
}

void WriteFileImage(hid_t file, const std::string& path) {
  QuietErrors quiet;
  if (H5Fflush(file, H5F_SCOPE_GLOBAL) < 0) throw IoError(Format("Cannot write '", path, "'", Detail()));
  const ssize_t size = H5Fget_file_image(file, nullptr, 0);
  if (size < 0) throw IoError(Format("Cannot write '", path, "'", Detail()));
  std::string bytes(static_cast<size_t>(size), '\0');
  if (H5Fget_file_image(file, bytes.data(), bytes.size()) != size)
    throw IoError(Format("Cannot write '", path, "'", Detail()));
  WriteFileAtomically(path, bytes);
}

// ------------------------------------------------------------------ groups

Id OpenGroup(hid_t loc, const std::string& name, const std::string& where) {
  QuietErrors quiet;
  if (!Exists(loc, name)) throw DataError(Format(where, ": no group '", name, "'"));
  Id g(H5Gopen2(loc, name.c_str(), H5P_DEFAULT), Id::Kind::kGroup);
  if (!g.valid()) throw DataError(Format(where, ": cannot open group '", name, "'", Detail()));
  return g;
}

Id CreateGroup(hid_t loc, const std::string& name, const std::string& where) {
  QuietErrors quiet;
  Id g(H5Gcreate2(loc, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), Id::Kind::kGroup);
  if (!g.valid()) throw IoError(Format(where, ": cannot create group '", name, "'", Detail()));
  return g;
}

bool Exists(hid_t loc, const std::string& name) {
  QuietErrors quiet;
  // H5Lexists fails (negative) rather than answering false for names with '/' whose parent is absent.
  return !name.empty() && H5Lexists(loc, name.c_str(), H5P_DEFAULT) > 0;
}

int NumLinks(hid_t loc, const std::string& where) {
  QuietErrors quiet;
  H5G_info_t info{};
  if (H5Gget_info(loc, &info) < 0) throw DataError(Format(where, ": cannot count group members", Detail()));
  return static_cast<int>(info.nlinks);
}

std::vector<std::string> LinkNames(hid_t loc, const std::string& where) {
  QuietErrors quiet;
  const int n = NumLinks(loc, where);
  std::vector<std::string> names;
  for (int i = 0; i < n; ++i) {
    const ssize_t len =
        H5Lget_name_by_idx(loc, ".", H5_INDEX_NAME, H5_ITER_INC, static_cast<hsize_t>(i), nullptr, 0, H5P_DEFAULT);
    if (len < 0) throw DataError(Format(where, ": cannot read member ", i, Detail()));
    std::string name(static_cast<size_t>(len) + 1, '\0');
    H5Lget_name_by_idx(loc, ".", H5_INDEX_NAME, H5_ITER_INC, static_cast<hsize_t>(i), name.data(), name.size(),
                       H5P_DEFAULT);
    name.resize(static_cast<size_t>(len));
    names.push_back(name);
  }
  return names;
}

// ------------------------------------------------------------------ datasets

namespace {

Id OpenDataset(hid_t loc, const std::string& name, const std::string& where) {
  if (!Exists(loc, name)) throw DataError(Format(where, ": no dataset '", name, "'"));
  Id d(H5Dopen2(loc, name.c_str(), H5P_DEFAULT), Id::Kind::kDataset);
  if (!d.valid()) throw DataError(Format("Cannot open ", Quoted(where, name), Detail()));
  return d;
}

std::vector<hsize_t> DatasetDims(hid_t dataset, const std::string& what) {
  Id space(H5Dget_space(dataset), Id::Kind::kDataspace);
  const int rank = space.valid() ? H5Sget_simple_extent_ndims(space) : -1;
  if (rank < 0) throw DataError(Format("Cannot read the shape of ", what, Detail()));
  std::vector<hsize_t> dims(static_cast<size_t>(rank));
  if (rank > 0) H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  return dims;
}

const char* ClassName(H5T_class_t c) {
  switch (c) {
    case H5T_TIME: return "H5T_TIME";
    case H5T_STRING: return "H5T_STRING";
    case H5T_BITFIELD: return "H5T_BITFIELD";
    case H5T_OPAQUE: return "H5T_OPAQUE";
    case H5T_COMPOUND: return "H5T_COMPOUND";
    case H5T_REFERENCE: return "H5T_REFERENCE";
    case H5T_ENUM: return "H5T_ENUM";
    case H5T_VLEN: return "H5T_VLEN";
    case H5T_ARRAY: return "H5T_ARRAY";
    default: return "unknown";
  }
}

}  // namespace

Array ReadArray(hid_t loc, const std::string& name, const std::string& where, int min_rank) {
  QuietErrors quiet;
  const std::string what = Quoted(where, name);
  Id d = OpenDataset(loc, name, where);
  const std::vector<hsize_t> dims = DatasetDims(d, what);
  if (static_cast<int>(dims.size()) < min_rank)
    throw DataError(Format(what, " has ", dims.size(), " dimensions; at least ", min_rank, " expected"));
  Id type(H5Dget_type(d), Id::Kind::kDatatype);
  const H5T_class_t cls = type.valid() ? H5Tget_class(type) : H5T_NO_CLASS;
  if (cls != H5T_FLOAT && cls != H5T_INTEGER)
    throw DataError(Format(what, ": unsupported datatype class ", ClassName(cls), " (float, double or integer expected)"));
  Array a;
  size_t count = 1;
  for (hsize_t v : dims) {
    if (v > static_cast<hsize_t>(std::numeric_limits<int>::max()))
      throw DataError(Format(what, ": dimension ", v, " is too large"));
    a.shape.push_back(static_cast<int>(v));
    count *= static_cast<size_t>(v);
  }
  a.data.resize(count);
  if (count > 0 && H5Dread(d, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, a.data.data()) < 0)
    throw DataError(Format("Cannot read ", what, Detail()));
  return a;
}

void WriteArray(hid_t loc, const std::string& name, const std::vector<int>& shape, const float* data,
                const std::string& where) {
  QuietErrors quiet;
  const std::vector<hsize_t> dims = Dims(shape);
  Id space(shape.empty() ? H5Screate(H5S_SCALAR)
                         : H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
           Id::Kind::kDataspace);
  Id d(space.valid() ? H5Dcreate2(loc, name.c_str(), H5T_NATIVE_FLOAT, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT)
                     : -1,
       Id::Kind::kDataset);
  if (!d.valid()) throw IoError(Format("Cannot create ", Quoted(where, name), Detail()));
  const size_t count = std::accumulate(shape.begin(), shape.end(), size_t{1},
                                       [](size_t a, int b) { return a * static_cast<size_t>(b); });
  if (count > 0 && H5Dwrite(d, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
    throw IoError(Format("Cannot write ", Quoted(where, name), Detail()));
}

void WriteInt(hid_t loc, const std::string& name, int value, const std::string& where) {
  QuietErrors quiet;
  const hsize_t one = 1;
  Id space(H5Screate_simple(1, &one, nullptr), Id::Kind::kDataspace);
  Id d(H5Dcreate2(loc, name.c_str(), H5T_NATIVE_INT, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
       Id::Kind::kDataset);
  if (!d.valid() || H5Dwrite(d, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value) < 0)
    throw IoError(Format("Cannot write ", Quoted(where, name), Detail()));
}

int ReadInt(hid_t loc, const std::string& name, const std::string& where) {
  QuietErrors quiet;
  const std::string what = Quoted(where, name);
  Id d = OpenDataset(loc, name, where);
  const std::vector<hsize_t> dims = DatasetDims(d, what);
  size_t count = 1;
  for (hsize_t v : dims) count *= static_cast<size_t>(v);
  if (count != 1) throw DataError(Format(what, " should hold one integer, holds ", count, " values"));
  Id type(H5Dget_type(d), Id::Kind::kDatatype);
  if (!type.valid() || H5Tget_class(type) != H5T_INTEGER) throw DataError(Format(what, " is not an integer"));
  int value = 0;
  if (H5Dread(d, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value) < 0)
    throw DataError(Format("Cannot read ", what, Detail()));
  return value;
}

void WriteString(hid_t loc, const std::string& name, const std::string& value, const std::string& where) {
  QuietErrors quiet;
  Id type(H5Tcopy(H5T_C_S1), Id::Kind::kDatatype);
  if (!type.valid() || H5Tset_size(type, value.size() + 1) < 0 || H5Tset_strpad(type, H5T_STR_NULLTERM) < 0)
    throw IoError(Format("Cannot write ", Quoted(where, name), Detail()));
  Id space(H5Screate(H5S_SCALAR), Id::Kind::kDataspace);
  Id d(H5Dcreate2(loc, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), Id::Kind::kDataset);
  if (!d.valid() || H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, value.c_str()) < 0)
    throw IoError(Format("Cannot write ", Quoted(where, name), Detail()));
}

std::string ReadString(hid_t loc, const std::string& name, const std::string& where) {
  QuietErrors quiet;
  const std::string what = Quoted(where, name);
  Id d = OpenDataset(loc, name, where);
  Id type(H5Dget_type(d), Id::Kind::kDatatype);
  if (!type.valid() || H5Tget_class(type) != H5T_STRING) throw DataError(Format(what, " is not a string"));
  if (H5Tis_variable_str(type) > 0) {
    Id mem(H5Tcopy(H5T_C_S1), Id::Kind::kDatatype);
    H5Tset_size(mem, H5T_VARIABLE);
    char* s = nullptr;
    if (H5Dread(d, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, &s) < 0 || !s)
      throw DataError(Format("Cannot read ", what, Detail()));
    std::string out(s);
    H5free_memory(s);
    return out;
  }
  const size_t size = H5Tget_size(type);
  std::string buf(size + 1, '\0');
  Id mem(H5Tcopy(H5T_C_S1), Id::Kind::kDatatype);
  H5Tset_size(mem, size + 1);
  H5Tset_strpad(mem, H5T_STR_NULLTERM);
  if (H5Dread(d, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()) < 0)
    throw DataError(Format("Cannot read ", what, Detail()));
  return std::string(buf.c_str());
}

void AppendRows(hid_t loc, const std::string& name, const std::vector<int>& shape, const float* data,
                const std::string& where) {
  QuietErrors quiet;
  const std::string what = Quoted(where, name);
  if (shape.empty() || shape[0] <= 0) throw ShapeError(Format(what, ": nothing to append"));
  const std::vector<hsize_t> rows = Dims(shape);
  const int rank = static_cast<int>(rows.size());
  if (!Exists(loc, name)) {
    std::vector<hsize_t> max_dims = rows;
    max_dims[0] = H5S_UNLIMITED;
    Id space(H5Screate_simple(rank, rows.data(), max_dims.data()), Id::Kind::kDataspace);
    Id plist(H5Pcreate(H5P_DATASET_CREATE), Id::Kind::kPropertyList);
    if (!space.valid() || !plist.valid() || H5Pset_chunk(plist, rank, rows.data()) < 0)
      throw IoError(Format("Cannot create ", what, Detail()));
    Id d(H5Dcreate2(loc, name.c_str(), H5T_NATIVE_FLOAT, space, H5P_DEFAULT, plist, H5P_DEFAULT),
         Id::Kind::kDataset);
    if (!d.valid() || H5Dwrite(d, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
      throw IoError(Format("Cannot write ", what, Detail()));
    return;
  }
  Id d = OpenDataset(loc, name, where);
  std::vector<hsize_t> dims = DatasetDims(d, what);
  bool same = static_cast<int>(dims.size()) == rank;
  for (int i = 1; same && i < rank; ++i) same = dims[i] == rows[i];
  if (!same) {
    std::string have, want;
    for (size_t i = 1; i < dims.size(); ++i) have += Format(" ", dims[i]);
    for (int i = 1; i < rank; ++i) want += Format(" ", rows[i]);
    throw ShapeError(Format(what, ": cannot append rows of shape (", want, " ) to rows of shape (", have, " )"));
  }
  const hsize_t start = dims[0];
  dims[0] += rows[0];
  if (H5Dset_extent(d, dims.data()) < 0) throw IoError(Format("Cannot extend ", what, Detail()));
  Id file_space(H5Dget_space(d), Id::Kind::kDataspace);
  std::vector<hsize_t> offset(static_cast<size_t>(rank), 0);
  offset[0] = start;
  Id mem_space(H5Screate_simple(rank, rows.data(), nullptr), Id::Kind::kDataspace);
  if (!file_space.valid() ||
      H5Sselect_hyperslab(file_space, H5S_SELECT_SET, offset.data(), nullptr, rows.data(), nullptr) < 0 ||
      H5Dwrite(d, H5T_NATIVE_FLOAT, mem_space, file_space, H5P_DEFAULT, data) < 0)
    throw IoError(Format("Cannot append to ", what, Detail()));
}

}  // namespace crema::h5

namespace crema {

bool IsHdf5File(const std::string& path) {
  struct stat st {};
  if (path.empty() || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  h5::QuietErrors quiet;
  return H5Fis_hdf5(path.c_str()) > 0;
}

}  // namespace crema
