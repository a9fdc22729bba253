#include "training/training_types.h"

namespace crema::ui {

QString stateName(TrainingState state) {
  switch (state) {
    case TrainingState::Idle: return QStringLiteral("Ready");
    case TrainingState::Starting: return QStringLiteral("Starting");
    case TrainingState::Running: return QStringLiteral("Running");
    case TrainingState::Paused: return QStringLiteral("Paused");
    case TrainingState::Halted: return QStringLiteral("Halted");
    case TrainingState::Stopped: return QStringLiteral("Stopped");
    case TrainingState::Finished: return QStringLiteral("Finished");
    case TrainingState::Failed: return QStringLiteral("Failed");
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
