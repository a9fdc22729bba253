// Translations (ui/translations.h): the German interface with --lang de and a
// German system locale, English with --lang en or an unknown language, Qt's own
// dialog strings, German and English plural forms, and crema_de.ts / crema_en.ts
// complete against the current sources (lupdate run into a temporary copy:
// a tr() string added without a German translation fails here).
#include <QAction>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLibraryInfo>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "app_options.h"
#include "main_window.h"
#include "translations.h"
#include "ui_test_support.h"

using namespace crema::ui;

namespace {

QStringList menuTitles(const MainWindow& w) {
  QStringList titles;
  for (QAction* a : w.menuBar()->actions()) titles << a->text();
  return titles;
}

QString actionText(const MainWindow& w, const char* objectName) {
  auto* a = w.findChild<QAction*>(QLatin1String(objectName));
  return a ? a->text() : QStringLiteral("<no action %1>").arg(QLatin1String(objectName));
}

QStringList centralTabs(const MainWindow& w) {
  for (auto* tabs : w.findChildren<QTabWidget*>()) {
    if (tabs->count() != 3) continue;
    QStringList names;
    for (int i = 0; i < tabs->count(); ++i) names << tabs->tabText(i);
    return names;
  }
  return {};
}

QStringList dockTitles(const MainWindow& w) {
  QStringList titles;
  for (auto* d : w.findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly)) titles << d->windowTitle();
  return titles;
}

QStringList statusTexts(MainWindow& w) {
  QStringList texts;
  for (auto* l : w.statusBar()->findChildren<QLabel*>()) texts << l->text();
  return texts;
}

/// What installTranslations() should pick for the system locale: the first
/// preferred language that is English or German.
QString expectedSystemLanguage() {
  for (QString lang : QLocale::system().uiLanguages()) {
    lang.replace(QLatin1Char('-'), QLatin1Char('_'));
    if (lang == QLatin1String("C") || lang.startsWith(QLatin1String("en"))) return QStringLiteral("en");
    if (lang == QLatin1String("de") || lang.startsWith(QLatin1String("de_"))) return QStringLiteral("de");
  }
  return QStringLiteral("en");
}

QSet<QString> placeholders(const QString& text) {
  QSet<QString> found;
  static const QRegularExpression re(QStringLiteral("%L?[1-9]"));
  for (auto it = re.globalMatch(text); it.hasNext();) found.insert(it.next().captured().remove(QLatin1Char('L')));
  return found;
}

/// One <message> of a .ts file.
struct TsMessage {
  QString context, source, translation, type;
  bool numerus = false;
  QStringList forms;
};

QVector<TsMessage> readTs(const QString& path, QString* error) {
  QVector<TsMessage> messages;
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    *error = f.errorString();
    return messages;
  }
  QXmlStreamReader xml(&f);
  QString context;
  TsMessage m;
  while (!xml.atEnd()) {
    xml.readNext();
    if (!xml.isStartElement()) continue;
    const auto name = xml.name();
    if (name == QLatin1String("name")) {
      context = xml.readElementText();
    } else if (name == QLatin1String("message")) {
      m = TsMessage();
      m.context = context;
      m.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
    } else if (name == QLatin1String("source")) {
      m.source = xml.readElementText();
    } else if (name == QLatin1String("translation")) {
      m.type = xml.attributes().value(QLatin1String("type")).toString();
      if (!m.numerus) {
        m.translation = xml.readElementText();
        messages << m;
      } else {
        while (xml.readNextStartElement()) m.forms << xml.readElementText();  // <numerusform>
        messages << m;
      }
    }
  }
  if (xml.hasError()) *error = xml.errorString();
  return messages;
}

}  // namespace

class TranslationsTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_data;  // an empty data folder: the window opens on LeNet without MNIST

  AppOptions options(const QStringList& extra) {
    AppOptions o;
    const auto code = parseCommandLine(QStringList{QStringLiteral("crema"), QStringLiteral("--data-dir"), m_data.path()} + extra, &o);
    if (code) qWarning("parseCommandLine returned %d", *code);
    return o;
  }

 private slots:
  void initTestCase() {
    test::isolateUserFolders();
    QVERIFY(m_data.isValid());
  }
  void cleanup() { installTranslations(QStringLiteral("en")); }

  void germanEmbeddedInResources() {
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/crema_de.qm")));
    QVERIFY(QFileInfo(QStringLiteral(":/i18n/crema_de.qm")).size() > 1000);
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/crema_en.qm")));
  }

  void germanWindowWithLangDe() {
    const AppOptions o = options({QStringLiteral("--lang"), QStringLiteral("de")});
    QCOMPARE(o.language, QStringLiteral("de"));
    QCOMPARE(installTranslations(o.language), QStringLiteral("de"));
    MainWindow w(o);
    QCOMPARE(actionText(w, "run"), QStringLiteral("Starten"));
    QCOMPARE(actionText(w, "pause"), QStringLiteral("Pausieren"));
    QCOMPARE(actionText(w, "stop"), QStringLiteral("Stoppen"));
    QCOMPARE(actionText(w, "step1"), QStringLiteral("Schritt 1"));
    QCOMPARE(actionText(w, "stepn"), QStringLiteral("Schritt N"));
    QCOMPARE(actionText(w, "snapshot"), QStringLiteral("Snapshot"));  // Caffe's term stays
    QCOMPARE(actionText(w, "testnow"), QStringLiteral("Jetzt testen"));
    QCOMPARE(w.findChild<QAction*>(QStringLiteral("stop"))->toolTip(),
             QStringLiteral("Den Lauf beenden; die Gewichte bleiben für Einblicke und Snapshots erhalten"));
    QCOMPARE(menuTitles(w), (QStringList{QStringLiteral("&Datei"), QStringLiteral("&Bearbeiten"), QStringLiteral("&Training"),
                                         QStringLiteral("&Ansicht"), QStringLiteral("&Hilfe")}));
    QCOMPARE(centralTabs(w), (QStringList{QStringLiteral("Netz"), QStringLiteral("Training"), QStringLiteral("Einblick")}));
    QVERIFY2(dockTitles(w).contains(QStringLiteral("Eigenschaften — Solver")), qPrintable(dockTitles(w).join(", ")));
    QVERIFY2(statusTexts(w).contains(QStringLiteral("Bereit")), qPrintable(statusTexts(w).join(", ")));
    QVERIFY(statusTexts(w).contains(QStringLiteral("Iter. 0")));
  }

  void countryVariantUsesGerman() {
    QCOMPARE(installTranslations(QStringLiteral("de_AT")), QStringLiteral("de"));
    QCOMPARE(QCoreApplication::translate("crema::ui::MainWindow", "&View"), QStringLiteral("&Ansicht"));
  }

  void englishWithLangEn() {
    QCOMPARE(installTranslations(QStringLiteral("de")), QStringLiteral("de"));  // switched back below
    const AppOptions o = options({QStringLiteral("--lang"), QStringLiteral("en")});
    QCOMPARE(o.language, QStringLiteral("en"));
    QCOMPARE(installTranslations(o.language), QStringLiteral("en"));
    MainWindow w(o);
    QCOMPARE(actionText(w, "run"), QStringLiteral("Run"));
    QCOMPARE(actionText(w, "pause"), QStringLiteral("Pause"));
    QCOMPARE(actionText(w, "stop"), QStringLiteral("Stop"));
    QCOMPARE(menuTitles(w), (QStringList{QStringLiteral("&File"), QStringLiteral("&Edit"), QStringLiteral("&Training"),
                                         QStringLiteral("&View"), QStringLiteral("&Help")}));
    QCOMPARE(centralTabs(w), (QStringList{QStringLiteral("Net"), QStringLiteral("Training"), QStringLiteral("Inside")}));
    QVERIFY(statusTexts(w).contains(QStringLiteral("Ready")));
  }

  void unknownLanguageFallsBackToEnglish() {
    QCOMPARE(installTranslations(QStringLiteral("xx")), QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("crema::ui::MainWindow", "Run"), QStringLiteral("Run"));
    QCOMPARE(installTranslations(QStringLiteral("fr")), QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("crema::ui::MainWindow", "Stop"), QStringLiteral("Stop"));
  }

  void systemLocale() {
    const QString expected = expectedSystemLanguage();
    // ctest's test_translations_system_de runs this with a German locale and says so.
    if (qEnvironmentVariableIsSet("CREMA_TEST_EXPECT_LANG")) QCOMPARE(expected, qEnvironmentVariable("CREMA_TEST_EXPECT_LANG"));
    QCOMPARE(installTranslations(), expected);
    MainWindow w(options({}));
    QCOMPARE(actionText(w, "run"), expected == QLatin1String("de") ? QStringLiteral("Starten") : QStringLiteral("Run"));
  }

  void germanPluralForms() {
    QCOMPARE(installTranslations(QStringLiteral("de")), QStringLiteral("de"));
    QCOMPARE(QCoreApplication::translate("crema::ui::NetEditorWidget", "%n problem(s)", nullptr, 1), QStringLiteral("1 Problem"));
    QCOMPARE(QCoreApplication::translate("crema::ui::NetEditorWidget", "%n problem(s)", nullptr, 3), QStringLiteral("3 Probleme"));
    QCOMPARE(QCoreApplication::translate("crema::ui::NetCanvas", "Disconnect %n wire(s)", nullptr, 1),
             QStringLiteral("1 Verbindung trennen"));
    QCOMPARE(QCoreApplication::translate("crema::ui::NetCanvas", "Disconnect %n wire(s)", nullptr, 2),
             QStringLiteral("2 Verbindungen trennen"));
  }

  void qtDialogsInGerman() {
    const QString dir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    if (!QFile::exists(dir + QStringLiteral("/qtbase_de.qm"))) QSKIP("Qt's German translations are not installed");
    QCOMPARE(installTranslations(QStringLiteral("de")), QStringLiteral("de"));
    QDialogButtonBox box(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QCOMPARE(box.button(QDialogButtonBox::Cancel)->text().remove(QLatin1Char('&')), QStringLiteral("Abbrechen"));
  }

  void germanTsCompleteForCurrentSources() {
    const QStringList problems = tsProblems(QStringLiteral("crema_de.ts"), {});
    QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 problem(s) in resources/translations/crema_de.ts (update with "
                                                           "`ninja update_translations`, then translate in Qt Linguist):\n")
                                                 .arg(problems.size()) + problems.join(QLatin1Char('\n'))));
  }

  void englishPluralForms() {
    QCOMPARE(installTranslations(QStringLiteral("en")), QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("crema::ui::NetEditorWidget", "%n problem(s)", nullptr, 1), QStringLiteral("1 problem"));
    QCOMPARE(QCoreApplication::translate("crema::ui::NetEditorWidget", "%n problem(s)", nullptr, 3), QStringLiteral("3 problems"));
    QCOMPARE(QCoreApplication::translate("crema::ui::NetTab", "%n layer(s)", nullptr, 11), QStringLiteral("11 layers"));
    QCOMPARE(QCoreApplication::translate("crema::ui::MainWindow", "Run"), QStringLiteral("Run"));
  }

  void englishPluralsCompleteForCurrentSources() {
    const QStringList problems = tsProblems(QStringLiteral("crema_en.ts"), {QStringLiteral("-pluralonly")});
    QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 problem(s) in resources/translations/crema_en.ts (update with "
                                                           "lupdate -pluralonly -locations none ui -ts resources/translations/crema_en.ts, "
                                                           "then give the singular and plural forms):\n")
                                                 .arg(problems.size()) + problems.join(QLatin1Char('\n'))));
  }

 private:
  /// Runs lupdate over ui/ into a copy of resources/translations/`name` (the
  /// options of CMakeLists.txt plus `extra`) and lists what is not translated.
  static QStringList tsProblems(const QString& name, const QStringList& extra) {
    const QString ts = QStringLiteral(CREMA_SOURCE_DIR "/resources/translations/") + name;
    QTemporaryDir dir;
    const QString copy = dir.filePath(name);
    if (!dir.isValid() || !QFile::copy(ts, copy)) return {QStringLiteral("cannot copy ") + ts};
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(CREMA_LUPDATE), QStringList{QStringLiteral("-silent"), QStringLiteral("-locations"),
                                                             QStringLiteral("none"), QStringLiteral("-no-ui-lines")} +
                                                     extra + QStringList{QStringLiteral(CREMA_SOURCE_DIR "/ui"), QStringLiteral("-ts"), copy});
    if (!lupdate.waitForFinished(120000) || lupdate.exitCode() != 0) {
      return {QStringLiteral("lupdate failed: ") + QString::fromLocal8Bit(lupdate.readAll())};
    }
    QString error;
    const QVector<TsMessage> messages = readTs(copy, &error);
    if (!error.isEmpty()) return {error};
    if (messages.isEmpty()) return {QStringLiteral("no messages in ") + name};
    QStringList problems;
    for (const TsMessage& m : messages) {
      const QString where = m.context + QStringLiteral(": \"") + m.source + QLatin1Char('"');
      if (!m.type.isEmpty()) {  // unfinished (new or changed source), vanished or obsolete (gone from ui/)
        problems << m.type + QStringLiteral(" ") + where;
        continue;
      }
      const QStringList forms = m.numerus ? m.forms : QStringList{m.translation};
      if (m.numerus && forms.size() != 2) problems << QStringLiteral("needs 2 plural forms: ") + where;
      for (const QString& form : forms) {
        if (form.isEmpty()) problems << QStringLiteral("empty translation: ") + where;
        // %n may be left out of the singular; %1..%9 must all be kept.
        if (placeholders(form) != placeholders(m.source)) problems << QStringLiteral("placeholders differ: ") + where + QStringLiteral(" -> ") + form;
        if (m.source.count(QLatin1Char('&')) != form.count(QLatin1Char('&'))) problems << QStringLiteral("shortcut (&) lost: ") + where;
      }
    }
    return problems;
  }
};

QTEST_MAIN(TranslationsTest)
#include "test_translations.moc"
