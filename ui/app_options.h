// Command line of the desktop app:
//   crema [--data-dir DIR] [--reset-layout] [--lang CODE] [net-or-solver.prototxt]
// and where it looks for data by default.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

class QCoreApplication;

namespace crema::ui {

struct AppOptions {
  QString dataDir;  ///< folder holding mnist_train_lmdb / mnist_test_lmdb
  QString file;     ///< net or solver prototxt to open; empty: the LeNet example
  bool resetLayout = false;
  QString language;  ///< --lang: interface language ("de", "en"); empty: the system's (ui/translations.h)
};

/// $CREMA_DATA_DIR if set, else $XDG_DATA_HOME/crema/data (~/.local/share/crema/data).
QString defaultDataDir();
/// Where the example's runs write snapshots: $XDG_DATA_HOME/crema/runs.
QString defaultRunsDir();
/// The command that creates the MNIST databases in `dataDir`, e.g.
/// `crema-cli data mnist --out /home/me/.local/share/crema/data` (crema-cli by
/// its full path when it sits next to this program but is not on PATH).
QString mnistSetupCommand(const QString& dataDir);

/// Parses the application's arguments. Returns an exit code when the program
/// should end now (--help, --version, a usage error), else fills `options`.
std::optional<int> parseCommandLine(const QCoreApplication& app, AppOptions* options);
/// The same for an explicit argument list (arguments[0] is the program).
std::optional<int> parseCommandLine(const QStringList& arguments, AppOptions* options);

}  // namespace crema::ui
