#include "training/training_types.h"

#include <QCoreApplication>

namespace crema::ui {

QString stateName(TrainingState state) {
  switch (state) {
    case TrainingState::Idle: return QCoreApplication::translate("crema::ui::TrainingState", "Ready");
    case TrainingState::Starting: return QCoreApplication::translate("crema::ui::TrainingState", "Starting");
    case TrainingState::Running: return QCoreApplication::translate("crema::ui::TrainingState", "Running");
    case TrainingState::Paused: return QCoreApplication::translate("crema::ui::TrainingState", "Paused");
    case TrainingState::Halted: return QCoreApplication::translate("crema::ui::TrainingState", "Halted");
    case TrainingState::Stopped: return QCoreApplication::translate("crema::ui::TrainingState", "Stopped");
    case TrainingState::Finished: return QCoreApplication::translate("crema::ui::TrainingState", "Finished");
    case TrainingState::Failed: return QCoreApplication::translate("crema::ui::TrainingState", "Failed");
  }
  return QString();
}

bool stateHasSolver(TrainingState state) {
  return state == TrainingState::Running || state == TrainingState::Paused ||
         state == TrainingState::Halted || state == TrainingState::Stopped ||
         state == TrainingState::Finished;
}

void registerTrainingTypes() {
  static const bool done = [] {
    qRegisterMetaType<TrainingState>();
    qRegisterMetaType<IterationPoint>();
    qRegisterMetaType<TestPoint>();
    qRegisterMetaType<HyperChange>();
    qRegisterMetaType<RunRequest>();
    qRegisterMetaType<BatchImages>();
    qRegisterMetaType<FilterImages>();
    qRegisterMetaType<FeatureMaps>();
    qRegisterMetaType<ScoreSetup>();
    qRegisterMetaType<ScoreRecord>();
    qRegisterMetaType<EvalResult>();
    qRegisterMetaType<LiveViews>();
    return true;
  }();
  (void)done;
}

}  // namespace crema::ui
