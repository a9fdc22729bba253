// Shows a small QImage (a digit, a 5x5 filter grid) enlarged with nearest-
// neighbour sampling so every value stays a crisp square, keeping its aspect
// ratio inside the widget.
#pragma once

#include <QImage>
#include <QWidget>

namespace crema::ui {

class PixelImage : public QWidget {
  Q_OBJECT

 public:
  /// `minScale`: each source pixel is at least this many screen pixels.
  explicit PixelImage(QWidget* parent = nullptr, int minScale = 1);
  void setImage(const QImage& image);
  const QImage& image() const { return m_image; }
  /// Upper bound for the enlargement (0: none).
  void setMaxScale(int scale) { m_maxScale = scale; updateGeometry(); }
  /// Enlargement the widget asks its layout for (sizeHint); at least minScale.
  void setPreferredScale(int scale) { m_preferredScale = scale; updateGeometry(); }
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;
  bool hasHeightForWidth() const override { return !m_image.isNull(); }
  int heightForWidth(int width) const override;

 signals:
  void clicked();

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;

 private:
  QImage m_image;
  int m_minScale = 1;
  int m_maxScale = 0;
  int m_preferredScale = 0;
};

}  // namespace crema::ui
