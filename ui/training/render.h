// Turning float tensors into images for the inside views. Pure functions on
// plain row-major arrays (no engine types), used on the worker thread so the
// GUI thread only scales finished QImages.
#pragma once

#include <QColor>
#include <QImage>
#include <QVector>

#include <cstddef>

namespace crema::ui::render {

/// Smallest and largest finite value; {0, 0} when there is none.
struct Range {
  float lo = 0.f;
  float hi = 0.f;
};
Range finiteRange(const float* values, size_t count);
/// Range symmetric about zero: [-max|v|, +max|v|] (for weights and gradients).
Range symmetricRange(const float* values, size_t count);

/// An h x w 8-bit grey image: lo -> black, hi -> white, clamped; NaN/Inf -> red.
QImage grayTile(const float* values, int h, int w, Range range);
/// A c x h x w tensor as one image: c == 3 is Caffe's BGR order, anything else
/// shows channel 0 in grey.
QImage chwImage(const float* values, int c, int h, int w, Range range);

/// Columns for a near-square grid of n tiles, preferring exact rectangles
/// (20 -> 5 columns: the seed's 4 x 5 filter grid; 50 -> 10; 8 -> 4).
int gridColumns(int n);
/// Lays tiles (all the same size) out in `cols` columns separated by `gap`
/// pixels of `background`. Returns a null image for no tiles.
QImage tileGrid(const QVector<QImage>& tiles, int cols, int gap = 1,
                QColor background = QColor(40, 40, 60));

/// Numerically stable softmax of each row of a rows x cols array, in place.
void softmaxRows(float* values, int rows, int cols);
/// True if every row is already a probability distribution (>= 0, sums to 1 +- 1e-3).
bool rowsAreProbabilities(const float* values, int rows, int cols);

}  // namespace crema::ui::render
