#include "solver_panel.h"

#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <cmath>

#include "lr_schedule.h"
#include "project.h"
#include "proto_form.h"

namespace crema::ui {

SolverPanel::SolverPanel(Project* project, QWidget* parent) : QWidget(parent), m_project(project) {
  const QStringList primary = {"type",        "base_lr",       "lr_policy",    "gamma",         "power",
                               "stepsize",    "stepvalue",     "momentum",     "momentum2",     "delta",
                               "rms_decay",   "weight_decay",  "regularization_type",           "max_iter",
                               "iter_size",   "test_iter",     "test_interval", "test_initialization",
                               "display",     "average_loss",  "snapshot",     "snapshot_prefix", "random_seed",
                               "clip_gradients"};
  const QStringList hidden = {"net", "train_net", "test_net", "solver_type", "solver_mode", "device_id",
                              "weights", "layer_wise_reduce"};
  QHash<QString, QStringList> choices;
  choices.insert("type", {"SGD", "Nesterov", "AdaGrad", "RMSProp", "AdaDelta", "Adam"});
  choices.insert("lr_policy", {"fixed", "step", "exp", "inv", "multistep", "poly", "sigmoid"});
  m_form = new ProtoForm(caffe::SolverParameter::descriptor(), primary, hidden, choices, this);
  m_form->setToolTips({
      {"base_lr", tr("Starting learning rate. Editable while training: applied at the next iteration.")},
      {"momentum", tr("SGD momentum. Editable while training: applied at the next iteration.")},
      {"lr_policy", tr("fixed, step, exp, inv, multistep, poly or sigmoid (Caffe's policies)")},
      {"test_iter", tr("Batches per test pass (per test net)")},
      {"test_interval", tr("Test every this many iterations")},
      {"display", tr("Log the loss every this many iterations")},
      {"average_loss", tr("Smooth the displayed loss over this many iterations")},
      {"snapshot", tr("Write a snapshot every this many iterations (0: never)")},
  });
  connect(m_form, &ProtoForm::fieldEdited, this, &SolverPanel::onFieldEdited);

  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setWidget(m_form);
  scroll->setFrameShape(QFrame::NoFrame);

  m_preview = new QCustomPlot(this);
  m_preview->setMinimumHeight(140);
  m_preview->addGraph();
  m_preview->graph(0)->setPen(QPen(QColor(30, 110, 180), 1.5));
  m_preview->xAxis->setLabel(tr("iteration"));
  m_preview->yAxis->setLabel(tr("learning rate"));
  m_preview->xAxis->setLabelFont(font());
  m_preview->yAxis->setLabelFont(font());
  m_preview->axisRect()->setMinimumMargins(QMargins(4, 4, 4, 4));
  auto* now = new QCPItemStraightLine(m_preview);
  now->setObjectName(QStringLiteral("now"));
  now->setPen(QPen(QColor(200, 60, 60), 1, Qt::DashLine));
  now->point1->setCoords(0, 0);
  now->point2->setCoords(0, 1);
  m_previewNote = new QLabel(this);
  m_previewNote->setWordWrap(true);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addWidget(scroll, 1);
  layout->addWidget(new QLabel(tr("<b>Learning-rate schedule</b>"), this));
  layout->addWidget(m_preview);
  layout->addWidget(m_previewNote);

  connect(m_project, &Project::solverChanged, this, &SolverPanel::refresh);
  refresh();
}

void SolverPanel::refresh() {
  m_form->setMessage(m_project->solver());
  updatePreview();
}

void SolverPanel::onFieldEdited(const QString& field, const QVariant& value) {
  caffe::SolverParameter s = m_project->solver();
  QString error;
  if (!ProtoForm::applyEdit(&s, field, value, &error)) {
    emit message(error);
    m_form->setMessage(m_project->solver());
    return;
  }
  m_project->setSolver(s);
  if (m_active && field == QLatin1String("base_lr")) emit liveBaseLrChanged(s.base_lr());
  if (m_active && field == QLatin1String("momentum")) emit liveMomentumChanged(s.momentum());
}

void SolverPanel::setTrainingActive(bool active) {
  m_active = active;
  m_form->setEditable(!active, active ? QStringList{"base_lr", "momentum"} : QStringList{});
}

void SolverPanel::setCurrentIteration(int iter) {
  if (iter == m_iter) return;
  m_iter = iter;
  if (auto* line = m_preview->findChild<QCPItemStraightLine*>(QStringLiteral("now"))) {
    line->point1->setCoords(iter, 0);
    line->point2->setCoords(iter, 1);
    if (isVisible()) m_preview->replot(QCustomPlot::rpQueuedReplot);
  }
}

void SolverPanel::updatePreview() {
  const auto& s = m_project->solver();
  const int maxIter = std::max(1, s.max_iter());
  const int points = std::min(maxIter + 1, 400);
  QVector<double> x, y;
  QString error;
  for (int i = 0; i < points; ++i) {
    const int iter = static_cast<int>(std::llround(static_cast<double>(i) * maxIter / std::max(1, points - 1)));
    const double lr = learningRate(s, iter, &error);
    if (std::isnan(lr)) break;
    x << iter;
    y << lr;
  }
  m_preview->graph(0)->setData(x, y, true);
  m_preview->rescaleAxes();
  if (!y.isEmpty()) {
    const auto [lo, hi] = std::minmax_element(y.begin(), y.end());
    const double pad = (*hi - *lo) * 0.08 + std::abs(*hi) * 1e-3;
    m_preview->yAxis->setRange(std::max(0.0, *lo - pad), *hi + pad);
    m_previewNote->setText(tr("%1: %2 at 0 → %3 at %4")
                               .arg(QString::fromStdString(s.lr_policy()))
                               .arg(y.first(), 0, 'g', 4)
                               .arg(y.last(), 0, 'g', 4)
                               .arg(maxIter));
  } else {
    m_previewNote->setText(error);
  }
  m_preview->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace crema::ui
