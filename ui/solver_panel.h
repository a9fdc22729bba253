// The solver's properties: a form generated from SolverParameter's
// descriptor plus a preview of the learning-rate schedule. While training,
// only base_lr and momentum stay editable; their edits go to the running
// solver (applied at its next iteration) as well as to the project.
#pragma once

#include <QWidget>

class QCustomPlot;
class QLabel;

namespace crema::ui {

class Project;
class ProtoForm;

class SolverPanel : public QWidget {
  Q_OBJECT

 public:
  explicit SolverPanel(Project* project, QWidget* parent = nullptr);

  /// While a run is active only base_lr and momentum can be edited.
  void setTrainingActive(bool active);
  /// Marks the current iteration on the schedule preview.
  void setCurrentIteration(int iter);
  ProtoForm* form() const { return m_form; }

 signals:
  /// base_lr / momentum edited while a run is active.
  void liveBaseLrChanged(double value);
  void liveMomentumChanged(double value);
  void message(const QString& text);

 private:
  void onFieldEdited(const QString& field, const QVariant& value);
  void refresh();
  void updatePreview();

  Project* m_project;
  ProtoForm* m_form = nullptr;
  QCustomPlot* m_preview = nullptr;
  QLabel* m_previewNote = nullptr;
  bool m_active = false;
  int m_iter = 0;
};

}  // namespace crema::ui
