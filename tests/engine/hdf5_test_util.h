// Test fixtures for the HDF5 tests, written and read with the raw HDF5 C API
// (not the engine's io/hdf5.h), so the tests check the engine against HDF5 itself.
#pragma once

#include <gtest/gtest.h>
#include <hdf5.h>

#include <string>
#include <vector>

namespace crema::test {

/// One dataset of a fixture file: name, shape, values (written as float or double).
struct H5Dataset {
  std::string name;
  std::vector<hsize_t> shape;
  std::vector<double> values;
  bool as_double = false;
};

/// Writes `datasets` into a new file at `path` (truncating).
inline void WriteH5(const std::string& path, const std::vector<H5Dataset>& datasets) {
  const hid_t f = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(f, 0) << path;
  for (const H5Dataset& d : datasets) {
    const hid_t space = H5Screate_simple(static_cast<int>(d.shape.size()), d.shape.data(), nullptr);
    const hid_t type = d.as_double ? H5T_IEEE_F64LE : H5T_IEEE_F32LE;
    const hid_t ds = H5Dcreate2(f, d.name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    ASSERT_GE(ds, 0) << d.name;
    if (d.as_double) {
      ASSERT_GE(H5Dwrite(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, d.values.data()), 0);
    } else {
      std::vector<float> v(d.values.begin(), d.values.end());
      ASSERT_GE(H5Dwrite(ds, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), 0);
    }
    H5Dclose(ds);
    H5Sclose(space);
  }
  H5Fclose(f);
}

/// A dataset read back: its dims and its values as float.
struct H5Read {
  std::vector<hsize_t> shape;
  std::vector<float> values;
  bool found = false;
};

/// Reads dataset `name` (a path such as "data/ip1/0" works) of the file at `path`.
inline H5Read ReadH5(const std::string& path, const std::string& name) {
  H5Read r;
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) return r;
  const hid_t ds = H5Dopen2(f, name.c_str(), H5P_DEFAULT);
  if (ds >= 0) {
    const hid_t space = H5Dget_space(ds);
    r.shape.resize(static_cast<size_t>(H5Sget_simple_extent_ndims(space)));
    H5Sget_simple_extent_dims(space, r.shape.data(), nullptr);
    r.values.resize(static_cast<size_t>(H5Sget_simple_extent_npoints(space)));
    if (!r.values.empty()) H5Dread(ds, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, r.values.data());
    r.found = true;
    H5Sclose(space);
    H5Dclose(ds);
  }
  H5Fclose(f);
  return r;
}

/// Number of members of group `name` ("/" for the root), or -1 if absent.
inline int H5GroupSize(const std::string& path, const std::string& name) {
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) return -1;
  int n = -1;
  const hid_t g = H5Gopen2(f, name.c_str(), H5P_DEFAULT);
  if (g >= 0) {
    H5G_info_t info;
    if (H5Gget_info(g, &info) >= 0) n = static_cast<int>(info.nlinks);
    H5Gclose(g);
  }
  H5Fclose(f);
  return n;
}

/// Reads the scalar string dataset `name` ("" if absent).
inline std::string ReadH5String(const std::string& path, const std::string& name) {
  std::string out;
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) return out;
  const hid_t ds = H5Dopen2(f, name.c_str(), H5P_DEFAULT);
  if (ds >= 0) {
    const hid_t type = H5Dget_type(ds);
    std::string buf(H5Tget_size(type) + 1, '\0');
    H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data());
    out = buf.c_str();
    H5Tclose(type);
    H5Dclose(ds);
  }
  H5Fclose(f);
  return out;
}

}  // namespace crema::test
