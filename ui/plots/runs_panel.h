// The runs of this session: tick an earlier run to overlay it on the plots
// (the seed's "compare ReLU with ELU, SGD with Adam" workflow), export a
// run's series as CSV, or forget it.
#pragma once

#include <QWidget>

class QListWidget;

namespace crema::ui {

class RunHistory;

class RunsPanel : public QWidget {
  Q_OBJECT

 public:
  explicit RunsPanel(RunHistory* history, QWidget* parent = nullptr);
  QListWidget* list() const { return m_list; }

 private:
  void refresh();
  int selectedId() const;

  RunHistory* m_history;
  QListWidget* m_list = nullptr;
  bool m_updating = false;
};

}  // namespace crema::ui
