#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

#include <cstdio>

namespace crema::ui {
namespace {

/// The translators installTranslations() put on the application (Crema's,
/// Qt's); children of the application, so they end with it.
QPointer<QTranslator>& cremaTranslator() {
  static QPointer<QTranslator> t;
  return t;
}
QPointer<QTranslator>& qtTranslator() {
  static QPointer<QTranslator> t;
  return t;
}

void uninstall(QPointer<QTranslator>& t) {
  if (t) {
    QCoreApplication::removeTranslator(t);
    delete t;
  }
  t = nullptr;
}

bool isEnglish(const QString& language) {
  return language.compare(QLatin1String("en"), Qt::CaseInsensitive) == 0 ||
         language.startsWith(QLatin1String("en_"), Qt::CaseInsensitive) ||
         language.startsWith(QLatin1String("en-"), Qt::CaseInsensitive) ||
         language.compare(QLatin1String("C"), Qt::CaseSensitive) == 0;
}

}  // namespace

QLocale translationLocale(const QString& language) {
  return language.isEmpty() ? QLocale::system() : QLocale(language);
}

QString installTranslations(const QString& language) {
  uninstall(cremaTranslator());
  uninstall(qtTranslator());
  QCoreApplication* app = QCoreApplication::instance();
  if (!app) return QStringLiteral("en");

  // The preferred languages in order, each also without its script/country
  // (de_AT -> de); English, the source language, ends the search.
  auto* crema = new QTranslator(app);
  QString loaded;
  if (!isEnglish(language)) {
    for (QString lang : translationLocale(language).uiLanguages()) {
      lang.replace(QLatin1Char('-'), QLatin1Char('_'));
      if (isEnglish(lang)) break;
      for (QString l = lang; !l.isEmpty() && loaded.isEmpty();
           l = l.contains(QLatin1Char('_')) ? l.section(QLatin1Char('_'), 0, -2) : QString()) {
        if (crema->load(QStringLiteral("crema_") + l, QLatin1String(kTranslationsResourceDir)) &&
            !crema->isEmpty()) {
          loaded = l.section(QLatin1Char('_'), 0, 0);
        }
      }
      if (!loaded.isEmpty()) break;
    }
    if (loaded.isEmpty() && !language.isEmpty()) {
      std::fprintf(stderr, "crema: no translation for '%s'; the interface stays in English\n", qPrintable(language));
    }
  }
  if (loaded.isEmpty()) {
    // English: the sources' text, plus crema_en's plural forms ("1 layer", "3 layers").
    loaded = QStringLiteral("en");
    if (!crema->load(QStringLiteral("crema_en"), QLatin1String(kTranslationsResourceDir))) {
      delete crema;
      return loaded;
    }
  }
  QCoreApplication::installTranslator(crema);
  cremaTranslator() = crema;
  if (loaded == QLatin1String("en")) return loaded;

  // Qt's own strings in the same language, when the system has them.
  auto* qt = new QTranslator(app);
  if (qt->load(QLocale(loaded), QStringLiteral("qtbase"), QStringLiteral("_"),
               QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QCoreApplication::installTranslator(qt);
    qtTranslator() = qt;
  } else {
    delete qt;
  }
  return loaded;
}

}  // namespace crema::ui
