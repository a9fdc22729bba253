#include "plots/runs_panel.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

#include "plots/run_history.h"

namespace crema::ui {
namespace {

QIcon swatch(const QColor& c) {
  QPixmap pm(12, 12);
  pm.fill(c);
  return QIcon(pm);
}

QString summary(const RunSeries& r) {
  QString s = QStringLiteral("#%1  %2").arg(r.id).arg(r.name);
  if (!r.iters.isEmpty()) s += QObject::tr("  ·  %1/%2 it").arg(r.iters.last()).arg(r.maxIter);
  if (r.bestTest >= 0 && std::isfinite(r.testAccuracy[r.bestTest])) {
    s += QObject::tr("  ·  best acc %1").arg(r.testAccuracy[r.bestTest], 0, 'f', 4);
  }
  return s;
}

}  // namespace

RunsPanel::RunsPanel(RunHistory* history, QWidget* parent) : QWidget(parent), m_history(history) {
  m_list = new QListWidget(this);
  auto* exportCsv = new QPushButton(tr("Export CSV…"), this);
  auto* remove = new QPushButton(tr("Forget"), this);
  auto* hint = new QLabel(tr("Tick earlier runs to overlay them."), this);
  auto* bar = new QHBoxLayout;
  bar->addWidget(hint, 1);
  bar->addWidget(exportCsv);
  bar->addWidget(remove);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addWidget(m_list, 1);
  layout->addLayout(bar);

  connect(m_history, &RunHistory::runsChanged, this, &RunsPanel::refresh);
  connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
    if (m_updating) return;
    m_history->setOverlay(item->data(Qt::UserRole).toInt(), item->checkState() == Qt::Checked);
  });
  connect(exportCsv, &QPushButton::clicked, this, [this] {
    const int id = selectedId();
    if (id < 0) return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export run"), QStringLiteral("run%1.csv").arg(id),
                                                      tr("CSV (*.csv)"));
    QString error;
    if (!path.isEmpty() && !m_history->writeCsv(id, path, &error)) QMessageBox::warning(this, tr("Export"), error);
  });
  connect(remove, &QPushButton::clicked, this, [this] {
    const int id = selectedId();
    const RunSeries* cur = m_history->current();
    if (id >= 0 && (!cur || cur->id != id)) m_history->removeRun(id);
  });
  // Refresh summaries (iteration counts) now and then without reacting to every point.
  auto* timer = new QTimer(this);
  connect(timer, &QTimer::timeout, this, &RunsPanel::refresh);
  timer->start(2000);
  refresh();
}

int RunsPanel::selectedId() const {
  auto* item = m_list->currentItem();
  return item ? item->data(Qt::UserRole).toInt() : -1;
}

void RunsPanel::refresh() {
  m_updating = true;
  const RunSeries* cur = m_history->current();
  const int keep = selectedId();
  m_list->clear();
  for (int i = m_history->runs().size() - 1; i >= 0; --i) {
    const auto& r = m_history->runs()[i];
    auto* item = new QListWidgetItem(swatch(r.color), summary(r), m_list);
    item->setData(Qt::UserRole, r.id);
    if (cur && r.id == cur->id) {
      QFont f = item->font();
      f.setBold(true);
      item->setFont(f);
      item->setToolTip(tr("The current run"));
    } else {
      item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
      item->setCheckState(r.overlay ? Qt::Checked : Qt::Unchecked);
    }
    if (r.id == keep) m_list->setCurrentItem(item);
  }
  m_updating = false;
}

}  // namespace crema::ui
