#include "inside/pixel_image.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace crema::ui {

PixelImage::PixelImage(QWidget* parent, int minScale) : QWidget(parent), m_minScale(std::max(1, minScale)) {
  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void PixelImage::setImage(const QImage& image) {
  const bool resized = image.size() != m_image.size();
  m_image = image;
  if (resized) updateGeometry();
  update();
}

QSize PixelImage::sizeHint() const {
  if (m_image.isNull()) return QSize(32, 32);
  return m_image.size() * std::max(m_minScale, m_preferredScale);
}

QSize PixelImage::minimumSizeHint() const {
  if (m_image.isNull()) return QSize(16, 16);
  return m_image.size() * m_minScale;
}

int PixelImage::heightForWidth(int width) const {
  if (m_image.isNull() || m_image.width() == 0) return width;
  return width * m_image.height() / m_image.width();
}

void PixelImage::paintEvent(QPaintEvent*) {
  if (m_image.isNull()) return;
  QPainter p(this);
  p.setRenderHint(QPainter::SmoothPixmapTransform, false);
  double scale = std::min(static_cast<double>(width()) / m_image.width(),
                          static_cast<double>(height()) / m_image.height());
  if (scale >= 1.0) scale = std::floor(scale);  // whole screen pixels per value when enlarging
  if (m_maxScale > 0) scale = std::min(scale, static_cast<double>(m_maxScale));
  const QSize s(std::max(1, static_cast<int>(m_image.width() * scale)),
                std::max(1, static_cast<int>(m_image.height() * scale)));
  const QRect target(QPoint((width() - s.width()) / 2, (height() - s.height()) / 2), s);
  p.drawImage(target, m_image);
}

void PixelImage::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) emit clicked();
  QWidget::mousePressEvent(event);
}

}  // namespace crema::ui
