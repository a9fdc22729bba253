#include "editor/solver_editor.h"

#include <QCheckBox>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <google/protobuf/util/message_differencer.h>
#include <qcustomplot.h>

#include "common.h"
#include "editor/message_editor.h"
#include "editor/net_document.h"
#include "solver/lr_policy.h"

namespace crema::ui {

namespace gp = google::protobuf;

void sampleLearningRate(const caffe::SolverParameter& solver, int maxPoints, std::vector<double>* iters,
                        std::vector<double>* rates) {
  iters->clear();
  rates->clear();
  const int maxIter = std::max(1, solver.max_iter());
  // The schedule is stateful for multistep: compute every update, keep a subset.
  const int limit = std::min(maxIter, 5000000);
  const std::vector<float> lr = crema::LearningRateSchedule(solver, limit + 1);
  const int step = std::max(1, limit / std::max(2, maxPoints));
  for (int i = 0; i <= limit; i += step) {
    iters->push_back(i);
    rates->push_back(lr[i]);
  }
  if (iters->back() != limit) {
    iters->push_back(limit);
    rates->push_back(lr[limit]);
  }
}

SolverEditor::SolverEditor(NetDocument* doc, QWidget* parent) : QWidget(parent), m_doc(doc) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* split = new QSplitter(Qt::Vertical, this);
  layout->addWidget(split);

  auto* scroll = new QScrollArea;
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  // The net itself comes from the editor; the legacy enum is upgraded on load.
  m_editor = new MessageEditor(caffe::SolverParameter::descriptor(), {},
                               {"net", "net_param", "train_net", "test_net", "train_net_param", "test_net_param",
                                "solver_type"});
  scroll->setWidget(m_editor);
  split->addWidget(scroll);

  auto* plotBox = new QWidget;
  auto* pv = new QVBoxLayout(plotBox);
  pv->setContentsMargins(4, 4, 4, 4);
  auto* title = new QLabel(tr("<b>Learning-rate schedule</b> over max_iter"));
  pv->addWidget(title);
  m_plot = new QCustomPlot(plotBox);
  m_plot->setMinimumHeight(170);
  m_plot->addGraph();
  m_plot->graph(0)->setPen(QPen(QColor(0x1e, 0x6f, 0xe8), 1.8));
  m_plot->xAxis->setLabel(tr("iteration"));
  m_plot->yAxis->setLabel(tr("learning rate"));
  pv->addWidget(m_plot, 1);
  m_errorLabel = new QLabel;
  m_errorLabel->setStyleSheet(QStringLiteral("color: #c62828"));
  m_errorLabel->setWordWrap(true);
  pv->addWidget(m_errorLabel);
  m_logScale = new QCheckBox(tr("logarithmic rate axis"));
  pv->addWidget(m_logScale);
  split->addWidget(plotBox);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);

  connect(m_editor, &MessageEditor::edited, this, [this](const gp::Message& edited, const QString& path, bool mergeable) {
    const auto& s = static_cast<const caffe::SolverParameter&>(edited);
    m_shown = s;
    m_doc->setSolver(s, tr("Set solver %1").arg(path), mergeable ? QStringLiteral("solver:%1").arg(path) : QString());
    refreshPlot();
  });
  connect(m_editor, &MessageEditor::validationFailed, this, &SolverEditor::statusMessage);
  connect(m_logScale, &QCheckBox::toggled, this, &SolverEditor::refreshPlot);
  connect(doc, &NetDocument::solverChanged, this, &SolverEditor::refresh);
  m_shown = doc->solver();
  m_editor->setMessage(m_shown);
  refreshPlot();
}

void SolverEditor::refresh() {
  if (!gp::util::MessageDifferencer::Equals(m_doc->solver(), m_shown)) {
    m_shown = m_doc->solver();
    m_editor->setMessage(m_shown);
  }
  refreshPlot();
}

void SolverEditor::refreshPlot() {
  m_error.clear();
  try {
    sampleLearningRate(m_doc->solver(), 600, &m_iters, &m_rates);
  } catch (const std::exception& e) {
    m_iters.clear();
    m_rates.clear();
    m_error = QString::fromStdString(e.what());
  }
  m_errorLabel->setText(m_error);
  m_errorLabel->setVisible(!m_error.isEmpty());
  const bool log = m_logScale->isChecked();
  m_plot->yAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  if (log) {
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  } else {
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
  }
  m_plot->graph(0)->setData(QVector<double>(m_iters.begin(), m_iters.end()),
                            QVector<double>(m_rates.begin(), m_rates.end()), true);
  if (!m_iters.empty()) {
    m_plot->xAxis->setRange(0, std::max(1.0, m_iters.back()));
    double lo = *std::min_element(m_rates.begin(), m_rates.end());
    double hi = *std::max_element(m_rates.begin(), m_rates.end());
    if (log) {
      lo = std::max(lo, 1e-12);
      m_plot->yAxis->setRange(lo / 1.5, std::max(hi * 1.5, lo * 10));
    } else {
      const double pad = std::max((hi - lo) * 0.08, std::abs(hi) * 0.05 + 1e-12);
      m_plot->yAxis->setRange(std::min(0.0, lo - pad), hi + pad);
    }
  }
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace crema::ui
