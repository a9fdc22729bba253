#include "training/render.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace crema::ui::render {

Range finiteRange(const float* values, size_t count) {
  Range r;
  bool any = false;
  for (size_t i = 0; i < count; ++i) {
    const float v = values[i];
    if (!std::isfinite(v)) continue;
    if (!any) {
      r.lo = r.hi = v;
      any = true;
    } else {
      r.lo = std::min(r.lo, v);
      r.hi = std::max(r.hi, v);
    }
  }
  return r;
}

Range symmetricRange(const float* values, size_t count) {
  float m = 0.f;
  for (size_t i = 0; i < count; ++i) {
    if (std::isfinite(values[i])) m = std::max(m, std::fabs(values[i]));
  }
  return {-m, m};
}

namespace {

inline uchar toByte(float v, float lo, float scale) {
  const float t = (v - lo) * scale;
  return static_cast<uchar>(std::clamp(t, 0.f, 255.f) + 0.5f);
}

}  // namespace

QImage grayTile(const float* values, int h, int w, Range range) {
  QImage img(w, h, QImage::Format_RGB32);
  const float span = range.hi - range.lo;
  const float scale = span > 0.f ? 255.f / span : 0.f;
  for (int y = 0; y < h; ++y) {
    auto* line = reinterpret_cast<QRgb*>(img.scanLine(y));
    for (int x = 0; x < w; ++x) {
      const float v = values[y * w + x];
      if (!std::isfinite(v)) {
        line[x] = qRgb(255, 0, 0);
        continue;
      }
      const uchar g = span > 0.f ? toByte(v, range.lo, scale) : 128;
      line[x] = qRgb(g, g, g);
    }
  }
  return img;
}

QImage chwImage(const float* values, int c, int h, int w, Range range) {
  if (c != 3) return grayTile(values, h, w, range);
  QImage img(w, h, QImage::Format_RGB32);
  const float span = range.hi - range.lo;
  const float scale = span > 0.f ? 255.f / span : 0.f;
  const int plane = h * w;
  for (int y = 0; y < h; ++y) {
    auto* line = reinterpret_cast<QRgb*>(img.scanLine(y));
    for (int x = 0; x < w; ++x) {
      const int i = y * w + x;
      // Caffe stores colour images as BGR planes.
      line[x] = qRgb(toByte(values[2 * plane + i], range.lo, scale),
                     toByte(values[plane + i], range.lo, scale), toByte(values[i], range.lo, scale));
    }
  }
  return img;
}

int gridColumns(int n) {
  if (n <= 0) return 1;
  const int root = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(n))));
  // Prefer an exact rectangle close to square (rows <= cols) when one exists.
  for (int cols = root; cols <= 2 * root && cols <= n; ++cols) {
    if (n % cols == 0 && n / cols <= cols) return cols;
  }
  return root;
}

QImage tileGrid(const QVector<QImage>& tiles, int cols, int gap, QColor background) {
  if (tiles.isEmpty()) return QImage();
  cols = std::max(1, std::min(cols, static_cast<int>(tiles.size())));
  const int rows = (static_cast<int>(tiles.size()) + cols - 1) / cols;
  const int tw = tiles.first().width();
  const int th = tiles.first().height();
  QImage grid(cols * tw + (cols + 1) * gap, rows * th + (rows + 1) * gap, QImage::Format_RGB32);
  grid.fill(background);
  QPainter p(&grid);
  for (int i = 0; i < tiles.size(); ++i) {
    const int r = i / cols, c = i % cols;
    p.drawImage(gap + c * (tw + gap), gap + r * (th + gap), tiles[i]);
  }
  return grid;
}

void softmaxRows(float* values, int rows, int cols) {
  for (int r = 0; r < rows; ++r) {
    float* row = values + static_cast<size_t>(r) * cols;
    float m = -INFINITY;
    for (int c = 0; c < cols; ++c) m = std::max(m, row[c]);
    double sum = 0;
    for (int c = 0; c < cols; ++c) {
      row[c] = std::exp(row[c] - m);
      sum += row[c];
    }
    for (int c = 0; c < cols; ++c) row[c] = static_cast<float>(row[c] / sum);
  }
}

bool rowsAreProbabilities(const float* values, int rows, int cols) {
  for (int r = 0; r < rows; ++r) {
    double sum = 0;
    for (int c = 0; c < cols; ++c) {
      const float v = values[static_cast<size_t>(r) * cols + c];
      if (!(v >= 0.f && v <= 1.f)) return false;
      sum += v;
    }
    if (std::fabs(sum - 1.0) > 1e-3) return false;
  }
  return rows > 0;
}

}  // namespace crema::ui::render
