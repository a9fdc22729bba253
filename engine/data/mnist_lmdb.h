// MNIST images + labels -> LMDB of caffe::Datum, in the layout of Caffe's
// examples/mnist/convert_mnist_data.cpp: key "%08d" (record index, so LMDB's
// lexicographic order is insertion order), Datum channels 1, height rows,
// width cols, data = rows*cols raw bytes row-major, label = the label byte;
// a commit every 1000 puts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/idx.h"

namespace crema {

/// The 8-digit zero-padded key of record i ("00000042").
std::string MnistKey(int index);

/// Writes images[order[k]] with labels[order[k]] as record k (all records when
/// `order` is empty) into a new LMDB at db_path. The database is built in
/// "<db_path>.partial" and renamed into place at the end, so an existing
/// db_path is always complete. Throws DataError when db_path exists (unless
/// `overwrite`, which replaces it), when counts differ, or on write errors.
/// Returns the number of records written.
size_t WriteMnistLmdb(const std::string& db_path, const IdxImages& images, const std::vector<uint8_t>& labels,
                      const std::vector<int>& order = {}, bool overwrite = false);

/// Reads IDX images and labels (raw or .gz) and writes them with WriteMnistLmdb
/// (Caffe's convert_mnist_data). Logs "A total of N items.", "Rows: R Cols: C".
size_t ConvertMnist(const std::string& images_path, const std::string& labels_path, const std::string& db_path,
                    bool overwrite = false);

}  // namespace crema
