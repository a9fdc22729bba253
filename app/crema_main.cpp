// crema: the desktop app. Parses the command line and opens the main window
// (ui/main_window.h) on the given net or solver, or on the LeNet example.
#include <QApplication>
#include <QCoreApplication>

#include <cstring>
#include <memory>

#include "app_options.h"
#include "editor/net_editor_widget.h"
#include "main_window.h"
#include "project.h"

namespace {

/// --help and --version must work without a display.
bool wantsTextOnly(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h") || !std::strcmp(argv[i], "--help-all") ||
        !std::strcmp(argv[i], "--version") || !std::strcmp(argv[i], "-v")) {
      return true;
    }
  }
  return false;
}

void setAppNames() {
  QCoreApplication::setOrganizationName(QStringLiteral("crema"));
  QCoreApplication::setApplicationName(QStringLiteral("crema"));
  QCoreApplication::setApplicationVersion(QString::fromLatin1(crema::ui::kVersion));
}

}  // namespace

int main(int argc, char** argv) {
  crema::ui::AppOptions options;
  if (wantsTextOnly(argc, argv)) {
    QCoreApplication app(argc, argv);
    setAppNames();
    return crema::ui::parseCommandLine(app, &options).value_or(0);
  }
  QApplication app(argc, argv);
  setAppNames();
  if (auto code = crema::ui::parseCommandLine(app, &options)) return *code;
  crema::ui::MainWindow window(options);
  // The graphical net editor edits the project's document: the net Run trains.
  window.setNetEditor(new crema::ui::NetEditorWidget(window.project()->document()));
  window.show();
  return app.exec();
}
