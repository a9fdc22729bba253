// Translations of the user interface (Qt Linguist).
//
// The app's strings are wrapped in tr() and translated in
// resources/translations/crema_<lang>.ts (crema_en.ts holds only the English
// plural forms of "%n layer(s)" strings); the build compiles them with lrelease
// and embeds the .qm files in the app's resources under :/i18n (CMake's
// qt_add_translations). Qt's own strings (standard buttons and dialogs) come
// from Qt's qtbase_<lang>.qm in QLibraryInfo::TranslationsPath when the
// system has them (Debian: qt6-translations-l10n).
#pragma once

#include <QLocale>
#include <QString>

namespace crema::ui {

/// Where the compiled Crema translations live in the resources.
inline constexpr char kTranslationsResourceDir[] = ":/i18n";

/// Installs translators on the running QCoreApplication for `language`, a
/// locale name such as "de" or "de_DE"; empty means QLocale::system(). The
/// preferred languages of the locale are tried in order, each also without
/// its country (de_AT → de). Replaces the translators an earlier call
/// installed, so calling it again switches language (widgets built before the
/// call keep their text). Returns the language of the Crema translation
/// that was loaded ("de"), or "en" when there is none for the request: the UI
/// then stays in English (with the English plural forms of crema_en.ts); this
/// is silent for the system locale and prints one line to stderr when
/// `language` names a language Crema lacks. Call it after the QApplication
/// exists and before building windows.
QString installTranslations(const QString& language = QString());

/// The locale a `language` argument of installTranslations() stands for:
/// QLocale::system() when empty, else QLocale(language).
QLocale translationLocale(const QString& language);

}  // namespace crema::ui
