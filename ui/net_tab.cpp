#include "net_tab.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/text_format.h>

#include <exception>

#include "io/io.h"
#include "project.h"

namespace crema::ui {
namespace {

QString phaseText(const caffe::LayerParameter& l) {
  QStringList parts;
  for (const auto& r : l.include()) {
    if (r.has_phase()) parts << (r.phase() == caffe::TRAIN ? QStringLiteral("TRAIN") : QStringLiteral("TEST"));
  }
  for (const auto& r : l.exclude()) {
    if (r.has_phase()) parts << (r.phase() == caffe::TRAIN ? QStringLiteral("not TRAIN") : QStringLiteral("not TEST"));
  }
  return parts.join(QStringLiteral(", "));
}

/// The layer's *_param messages on one line, e.g. "num_output: 20 kernel_size: 5 ...".
QString paramSummary(const caffe::LayerParameter& l) {
  const auto* refl = l.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  refl->ListFields(l, &fields);
  google::protobuf::TextFormat::Printer printer;
  printer.SetSingleLineMode(true);
  QStringList parts;
  for (const auto* f : fields) {
    if (f->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE || f->is_repeated()) continue;
    const std::string name = f->name();
    if (name.size() < 6 || name.compare(name.size() - 6, 6, "_param") != 0) continue;
    std::string text;
    printer.PrintToString(refl->GetMessage(l, f), &text);
    parts << QString::fromStdString(text).trimmed();
  }
  return parts.join(QStringLiteral("  "));
}

}  // namespace

NetTab::NetTab(Project* project, QWidget* parent) : QWidget(parent), m_project(project) {
  m_list = new QTreeWidget(this);
  m_list->setColumnCount(6);
  m_list->setHeaderLabels({tr("Layer"), tr("Type"), tr("Bottoms"), tr("Tops"), tr("Phase"), tr("Parameters")});
  m_list->setRootIsDecorated(false);
  m_list->setAlternatingRowColors(true);
  m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_list->header()->setStretchLastSection(true);

  m_stack = new QStackedWidget(this);
  m_stack->addWidget(m_list);

  m_text = new QPlainTextEdit(this);
  m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
  m_apply = new QPushButton(tr("Apply text"), this);
  m_revert = new QPushButton(tr("Revert"), this);
  m_status = new QLabel(this);
  m_status->setWordWrap(true);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* textPane = new QWidget(this);
  auto* tl = new QVBoxLayout(textPane);
  tl->setContentsMargins(0, 0, 0, 0);
  tl->addWidget(new QLabel(tr("<b>prototxt</b>"), textPane));
  tl->addWidget(m_text, 1);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_status, 1);
  buttons->addWidget(m_revert);
  buttons->addWidget(m_apply);
  tl->addLayout(buttons);

  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(m_stack);
  split->addWidget(textPane);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addWidget(split);

  connect(m_apply, &QPushButton::clicked, this, &NetTab::applyText);
  connect(m_revert, &QPushButton::clicked, this, &NetTab::refresh);
  connect(m_project, &Project::netChanged, this, &NetTab::refresh);
  refresh();
}

void NetTab::setNetEditor(QWidget* editor) {
  if (m_editor) {
    m_stack->removeWidget(m_editor);
    m_editor->deleteLater();
  }
  m_editor = editor;
  // The editor has its own prototxt view, synchronised both ways.
  m_text->parentWidget()->setVisible(!editor);
  if (editor) {
    editor->setParent(m_stack);
    m_stack->addWidget(editor);
    m_stack->setCurrentWidget(editor);
  } else {
    m_stack->setCurrentWidget(m_list);
  }
}

void NetTab::refresh() {
  const caffe::NetParameter& net = m_project->net();
  m_list->clear();
  for (const auto& l : net.layer()) {
    auto* item = new QTreeWidgetItem(m_list);
    item->setText(0, QString::fromStdString(l.name()));
    item->setText(1, QString::fromStdString(l.type()));
    QStringList bottoms, tops;
    for (const auto& b : l.bottom()) bottoms << QString::fromStdString(b);
    for (const auto& t : l.top()) tops << QString::fromStdString(t);
    item->setText(2, bottoms.join(QStringLiteral(", ")));
    item->setText(3, tops.join(QStringLiteral(", ")));
    item->setText(4, phaseText(l));
    item->setText(5, paramSummary(l));
    item->setToolTip(5, item->text(5));
  }
  m_text->setPlainText(QString::fromStdString(crema::ToTextProto(net)));
  m_status->setText(tr("%n layer(s)", nullptr, net.layer_size()));
}

bool NetTab::applyText() {
  if (m_active) {
    m_status->setText(tr("Stop training before changing the net."));
    return false;
  }
  try {
    caffe::NetParameter net = crema::ParseNetParam(m_text->toPlainText().toStdString(), "net text");
    m_project->setNet(net);
    return true;
  } catch (const std::exception& e) {
    m_status->setText(QStringLiteral("<span style='color:#c00'>%1</span>").arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
    emit message(QString::fromUtf8(e.what()));
    return false;
  }
}

void NetTab::setTrainingActive(bool active) {
  m_active = active;
  m_apply->setEnabled(!active);
}

}  // namespace crema::ui
