// crema: the desktop app. Parses the command line and opens the main window
// (ui/main_window.h) on the given net or solver, or on the LeNet example.
#include <QApplication>
#include <QCoreApplication>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "app_options.h"
#include "editor/net_editor_widget.h"
#include "main_window.h"
#include "project.h"
#include "translations.h"

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

/// True when Qt can reach a display: an X11 or Wayland display, or a platform chosen
/// explicitly ($QT_QPA_PLATFORM or -platform, e.g. offscreen).
bool displayAvailable(int argc, char** argv) {
  for (const char* var : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) {
    const char* v = std::getenv(var);
    if (v && *v) return true;
  }
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "-platform") || !std::strcmp(argv[i], "--platform")) return true;
  }
  return false;
}

void setAppNames() {
  QCoreApplication::setOrganizationName(QStringLiteral("crema"));
  QCoreApplication::setApplicationName(QStringLiteral("crema"));
  QCoreApplication::setApplicationVersion(QStringLiteral(CREMA_VERSION));  // project(VERSION) in CMakeLists.txt
}

}  // namespace

int main(int argc, char** argv) {
  crema::ui::AppOptions options;
  const bool display = displayAvailable(argc, argv);
  if (wantsTextOnly(argc, argv) || !display) {
    // No window needed, or none possible: usage errors are still reported as such.
    QCoreApplication app(argc, argv);
    setAppNames();
    if (auto code = crema::ui::parseCommandLine(app, &options)) return *code;
    std::fprintf(stderr,
                 "crema: no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset).\n"
                 "Run it in a desktop session, under Xvfb (packaging/run-app.sh starts one), or use "
                 "crema-cli for headless training.\n");
    return 1;
  }
  QApplication app(argc, argv);
  setAppNames();
  if (auto code = crema::ui::parseCommandLine(app, &options)) return *code;
  crema::ui::installTranslations(options.language);
  crema::ui::MainWindow window(options);
  // The graphical net editor edits the project's document: the net Run trains.
  window.setNetEditor(new crema::ui::NetEditorWidget(window.project()->document()));
  window.show();
  return app.exec();
}
