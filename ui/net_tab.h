// The Net tab: the project's net as a layer list (name, type, bottoms, tops,
// phase, parameters) beside its prototxt text, which can be edited and
// applied. The list sits in a QStackedWidget: setNetEditor() puts the
// graphical net editor (ui/editor) in its place. Every view reads and
// writes the one net held by Project.
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTreeWidget;

namespace crema::ui {

class Project;

class NetTab : public QWidget {
  Q_OBJECT

 public:
  explicit NetTab(Project* project, QWidget* parent = nullptr);

  /// Shows `editor` instead of the layer list (the tab takes ownership). The
  /// editor should read and write the net through Project::net()/setNet().
  void setNetEditor(QWidget* editor);
  QWidget* netEditor() const { return m_editor; }
  QTreeWidget* layerList() const { return m_list; }
  QPlainTextEdit* textView() const { return m_text; }
  /// Parses the text view and replaces the project's net; false (message shown
  /// under the text) on a parse error.
  bool applyText();
  /// While training, the text cannot be applied (the run uses the net it started with).
  void setTrainingActive(bool active);

 signals:
  void message(const QString& text);

 private:
  void refresh();

  Project* m_project;
  QStackedWidget* m_stack = nullptr;
  QTreeWidget* m_list = nullptr;
  QWidget* m_editor = nullptr;
  QPlainTextEdit* m_text = nullptr;
  QPushButton* m_apply = nullptr;
  QPushButton* m_revert = nullptr;
  QLabel* m_status = nullptr;
  bool m_active = false;
};

}  // namespace crema::ui
