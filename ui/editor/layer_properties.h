// LayerPropertiesPanel: the properties of the selected layer, generated from
// LayerParameter's descriptor: name, type, phase, bottoms and tops, the
// type's *_param messages (every field), param { lr_mult decay_mult name },
// loss_weight, include/exclude rules, the analysed shapes and costs, and for
// data layers the C×H×W assumed by the analysis. With no layer selected it
// shows the net-level settings (name, force_backward, state). Every change is
// a NetDocument command.
#pragma once

#include <QWidget>

#include "caffe.pb.h"
#include "editor/net_analysis.h"
#include "editor/net_document.h"

class QLabel;
class QLineEdit;
class QComboBox;
class QCheckBox;
class QScrollArea;
class QVBoxLayout;

namespace crema::ui {

class MessageEditor;

class LayerPropertiesPanel : public QWidget {
  Q_OBJECT

 public:
  explicit LayerPropertiesPanel(NetDocument* doc, QWidget* parent = nullptr);

  /// Shows one layer (0 = the net settings).
  void setLayer(NodeId id);
  /// Shows a multi-selection summary.
  void setSelection(const QList<NodeId>& ids);
  NodeId layer() const { return m_id; }

  // For tests.
  QLineEdit* nameEdit() const { return m_name; }
  QComboBox* phaseCombo() const { return m_phase; }
  MessageEditor* paramsEditor() const { return m_params; }
  MessageEditor* learningEditor() const { return m_learning; }
  QLineEdit* topEdit(int i) const;
  QLineEdit* bottomEdit(int i) const;
  QLineEdit* dataShapeEdit() const { return m_dataShape; }

 public slots:
  void setAnalysis(const crema::ui::NetAnalysisResult& result);

 signals:
  void statusMessage(const QString& text);

 private:
  void rebuild();
  void refreshAnalysis();
  void onDocumentChanged();
  void onEdited(const google::protobuf::Message& edited, const QString& path, bool mergeable);

  NetDocument* m_doc;
  NodeId m_id = 0;
  int m_selectionSize = 0;
  caffe::LayerParameter m_shown;
  caffe::NetParameter m_shownNet;
  NetAnalysisResult m_analysis;

  QScrollArea* m_scroll;
  QWidget* m_content = nullptr;
  QLabel* m_title = nullptr;
  QLabel* m_analysisLabel = nullptr;
  QLineEdit* m_name = nullptr;
  QComboBox* m_type = nullptr;
  QComboBox* m_phase = nullptr;
  QCheckBox* m_inPlace = nullptr;
  QLineEdit* m_dataShape = nullptr;
  QList<QLineEdit*> m_bottoms, m_tops;
  MessageEditor* m_params = nullptr;
  MessageEditor* m_learning = nullptr;
  MessageEditor* m_rules = nullptr;
  MessageEditor* m_netEditor = nullptr;
};

}  // namespace crema::ui
