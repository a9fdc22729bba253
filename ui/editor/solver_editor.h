// SolverEditor: the solver settings of the document, generated from
// SolverParameter's descriptor like the layer properties (tooltips, defaults,
// validation), with a preview of the learning-rate schedule over max_iter
// drawn with QCustomPlot from the engine's own lr-policy code
// (crema::LearningRateSchedule), so the preview is exactly what training uses.
#pragma once

#include <QWidget>
#include <vector>

#include "caffe.pb.h"

class QCustomPlot;
class QLabel;
class QCheckBox;

namespace crema::ui {

class MessageEditor;
class NetDocument;

class SolverEditor : public QWidget {
  Q_OBJECT

 public:
  explicit SolverEditor(NetDocument* doc, QWidget* parent = nullptr);

  MessageEditor* editor() const { return m_editor; }
  QCustomPlot* plot() const { return m_plot; }
  /// The schedule last drawn (iteration, rate), for tests.
  const std::vector<double>& plottedIterations() const { return m_iters; }
  const std::vector<double>& plottedRates() const { return m_rates; }
  QString scheduleError() const { return m_error; }

 signals:
  void statusMessage(const QString& text);

 private:
  void refresh();
  void refreshPlot();

  NetDocument* m_doc;
  MessageEditor* m_editor;
  QCustomPlot* m_plot;
  QLabel* m_errorLabel;
  QCheckBox* m_logScale;
  caffe::SolverParameter m_shown;
  std::vector<double> m_iters, m_rates;
  QString m_error;
};

/// Up to `maxPoints` samples of the learning-rate schedule over [0, max_iter]:
/// iterations and rates. Throws crema::ConfigError for an invalid policy.
void sampleLearningRate(const caffe::SolverParameter& solver, int maxPoints, std::vector<double>* iters,
                        std::vector<double>* rates);

}  // namespace crema::ui
