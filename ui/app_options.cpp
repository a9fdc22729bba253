#include "app_options.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <cstdio>

namespace crema::ui {
namespace {

QString dataHome() {
  const QByteArray xdg = qgetenv("XDG_DATA_HOME");
  if (!xdg.isEmpty()) return QString::fromLocal8Bit(xdg);
  return QDir::home().absoluteFilePath(QStringLiteral(".local/share"));
}

QString quoted(const QString& path) {
  return path.contains(QLatin1Char(' ')) ? QLatin1Char('"') + path + QLatin1Char('"') : path;
}

}  // namespace

QString defaultDataDir() {
  const QByteArray env = qgetenv("CREMA_DATA_DIR");
  if (!env.isEmpty()) return QDir(QString::fromLocal8Bit(env)).absolutePath();
  return QDir(dataHome()).absoluteFilePath(QStringLiteral("crema/data"));
}

QString defaultRunsDir() { return QDir(dataHome()).absoluteFilePath(QStringLiteral("crema/runs")); }

QString mnistSetupCommand(const QString& dataDir) {
  QString cli = QStringLiteral("crema-cli");
  if (QStandardPaths::findExecutable(cli).isEmpty() && QCoreApplication::instance()) {
    const QString sibling = QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(cli);
    if (QFileInfo(sibling).isExecutable()) cli = sibling;
  }
  return QStringLiteral("%1 data mnist --out %2").arg(quoted(cli), quoted(QDir(dataDir).absolutePath()));
}

std::optional<int> parseCommandLine(const QCoreApplication& app, AppOptions* options) {
  return parseCommandLine(app.arguments(), options);
}

std::optional<int> parseCommandLine(const QStringList& arguments, AppOptions* options) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("Crema: a Caffe-compatible training workbench.\n\n"
                     "Opens the given net or solver prototxt, or the LeNet example from\n"
                     "the Caffe MNIST lesson when none is given.\n\n"
                     "The example reads mnist_train_lmdb and mnist_test_lmdb from the data\n"
                     "folder, by default $CREMA_DATA_DIR, else ~/.local/share/crema/data\n"
                     "(currently: %1). Create them with:\n"
                     "  crema-cli data mnist --out %1")
          .arg(defaultDataDir()));
  parser.addHelpOption();
  parser.addVersionOption();
  QCommandLineOption dataDir(QStringList{QStringLiteral("data-dir")},
                             QStringLiteral("Folder with the MNIST LMDBs (default: %1).").arg(defaultDataDir()),
                             QStringLiteral("DIR"));
  QCommandLineOption resetLayout(QStringList{QStringLiteral("reset-layout")},
                                 QStringLiteral("Start with the default window layout."));
  QCommandLineOption lang(QStringList{QStringLiteral("lang")},
                          QStringLiteral("Interface language, e.g. de or en (default: the system's)."),
                          QStringLiteral("CODE"));
  parser.addOption(dataDir);
  parser.addOption(resetLayout);
  parser.addOption(lang);
  parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Net or solver prototxt to open."),
                               QStringLiteral("[net-or-solver-file]"));
  if (!parser.parse(arguments)) {
    std::fprintf(stderr, "crema: %s\n\n%s", qPrintable(parser.errorText()), qPrintable(parser.helpText()));
    return 2;
  }
  if (parser.isSet(QStringLiteral("help"))) {
    std::printf("%s", qPrintable(parser.helpText()));
    return 0;
  }
  if (parser.isSet(QStringLiteral("version"))) {
    std::printf("crema %s\n", qPrintable(QCoreApplication::applicationVersion()));
    return 0;
  }
  const QStringList args = parser.positionalArguments();
  if (args.size() > 1) {
    std::fprintf(stderr, "crema: give at most one file\n\n%s", qPrintable(parser.helpText()));
    return 2;
  }
  options->dataDir = parser.isSet(dataDir) ? QDir(parser.value(dataDir)).absolutePath() : defaultDataDir();
  options->file = args.isEmpty() ? QString() : args.first();
  options->resetLayout = parser.isSet(resetLayout);
  options->language = parser.value(lang);
  return std::nullopt;
}

}  // namespace crema::ui
