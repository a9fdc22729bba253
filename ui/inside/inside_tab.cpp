#include "inside/inside_tab.h"

#include <QDockWidget>

#include "inside/inside_views.h"
#include "inside/score_evolution.h"
#include "training/training_controller.h"

namespace crema::ui {

InsideTab::InsideTab(TrainingController* controller, QWidget* parent)
    : QMainWindow(parent), m_controller(controller) {
  setWindowFlags(Qt::Widget);
  setDockNestingEnabled(true);
  setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks | QMainWindow::AllowTabbedDocks);

  m_batch = new BatchView;
  m_filters = new FilterView;
  m_maps = new FeatureMapView;
  m_scores = new ScoreEvolutionView;
  m_confusion = new ConfusionView;
  m_worst = new WorstView;

  auto* batch = addView(tr("Data batch"), QStringLiteral("dockBatch"), m_batch, Qt::LeftDockWidgetArea);
  auto* filters = addView(tr("Filters and gradients"), QStringLiteral("dockFilters"), m_filters, Qt::LeftDockWidgetArea);
  auto* scores = addView(tr("Score evolution"), QStringLiteral("dockScores"), m_scores, Qt::RightDockWidgetArea);
  auto* maps = addView(tr("Feature maps"), QStringLiteral("dockFeatureMaps"), m_maps, Qt::RightDockWidgetArea);
  auto* confusion = addView(tr("Confusion matrix"), QStringLiteral("dockConfusion"), m_confusion, Qt::RightDockWidgetArea);
  auto* worst = addView(tr("Worst test images"), QStringLiteral("dockWorst"), m_worst, Qt::RightDockWidgetArea);
  splitDockWidget(batch, filters, Qt::Vertical);
  splitDockWidget(scores, confusion, Qt::Vertical);
  tabifyDockWidget(scores, maps);
  tabifyDockWidget(confusion, worst);
  scores->raise();
  confusion->raise();
  resizeDocks({batch, scores}, {45, 55}, Qt::Horizontal);
  resizeDocks({batch, filters}, {50, 50}, Qt::Vertical);
  resizeDocks({scores, confusion}, {60, 40}, Qt::Vertical);

  // Worker -> views.
  connect(controller, &TrainingController::batchReady, m_batch, &BatchView::showBatch);
  connect(controller, &TrainingController::filtersReady, m_filters, &FilterView::showFilters);
  connect(controller, &TrainingController::featureMapsReady, m_maps, &FeatureMapView::showMaps);
  connect(controller, &TrainingController::scoreSetupReady, m_scores, &ScoreEvolutionView::setup);
  connect(controller, &TrainingController::scoreRecorded, m_scores, &ScoreEvolutionView::addRecord);
  connect(controller, &TrainingController::evaluationReady, m_confusion, &ConfusionView::addResult);
  connect(controller, &TrainingController::evaluationReady, m_worst, &WorstView::showResult);
  connect(controller, &TrainingController::netInfo, this,
          [this](const QStringList& conv, const QStringList& ip, const QStringList& blobs, const QString& out) {
            m_filters->setLayers(conv, ip);
            m_scores->setBlobs(blobs, out);
            updateLiveViews();
          });

  // Views -> worker.
  connect(m_batch, &BatchView::refreshRequested, controller, &TrainingController::requestBatch);
  connect(m_filters, &FilterView::refreshRequested, controller, &TrainingController::requestFilters);
  connect(m_maps, &FeatureMapView::refreshRequested, controller, &TrainingController::requestFeatureMaps);
  connect(m_scores, &ScoreEvolutionView::configureRequested, controller, &TrainingController::configureScores);
  connect(m_confusion, &ConfusionView::evaluationChanged, controller, &TrainingController::setEvaluation);
  connect(m_batch, &BatchView::liveChanged, this, &InsideTab::updateLiveViews);
  connect(m_filters, &FilterView::liveChanged, this, &InsideTab::updateLiveViews);
  connect(m_maps, &FeatureMapView::liveChanged, this, &InsideTab::updateLiveViews);
  connect(m_worst, &WorstView::imageChosen, this, [this, maps](int index) {
    m_maps->setImageIndex(index);
    maps->show();
    maps->raise();
  });
}

QDockWidget* InsideTab::addView(const QString& title, const QString& objectName, QWidget* view,
                                Qt::DockWidgetArea area) {
  auto* dock = new QDockWidget(title, this);
  dock->setObjectName(objectName);
  dock->setWidget(view);
  dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                    QDockWidget::DockWidgetClosable);
  addDockWidget(area, dock);
  connect(dock, &QDockWidget::visibilityChanged, this, [this, view](bool visible) {
    updateLiveViews();
    if (visible && m_controller && m_controller->hasWeights()) {
      if (view == m_batch) m_controller->requestBatch(m_batch->count());
      if (view == m_filters && !m_filters->layer().isEmpty()) m_controller->requestFilters(m_filters->layer(), m_filters->diff());
      if (view == m_maps) m_controller->requestFeatureMaps(m_maps->imageIndex());
    }
  });
  return dock;
}

QDockWidget* InsideTab::dockOf(QWidget* view) const {
  for (auto* d : findChildren<QDockWidget*>()) {
    if (d->widget() == view) return d;
  }
  return nullptr;
}

QList<QDockWidget*> InsideTab::docks() const { return findChildren<QDockWidget*>(); }

void InsideTab::showEvent(QShowEvent* event) {
  QMainWindow::showEvent(event);
  m_tabVisible = true;
  updateLiveViews();
}

void InsideTab::hideEvent(QHideEvent* event) {
  QMainWindow::hideEvent(event);
  m_tabVisible = false;
  updateLiveViews();
}

void InsideTab::updateLiveViews() {
  if (!m_controller) return;
  LiveViews v;
  auto shown = [this](QWidget* view) { return m_tabVisible && view->isVisible() && !view->visibleRegion().isEmpty(); };
  v.batch = shown(m_batch) && m_batch->live();
  v.batchCount = m_batch->count();
  v.filters = shown(m_filters) && m_filters->live() && !m_filters->layer().isEmpty();
  v.filterLayer = m_filters->layer();
  v.filterDiff = m_filters->diff();
  v.featureMaps = shown(m_maps) && m_maps->live();
  v.featureImage = m_maps->imageIndex();
  m_controller->setLiveViews(v);
}

void InsideTab::clearForNewRun() {
  m_confusion->clear();
  m_worst->clear();
}

void InsideTab::refreshVisible() {
  // Live views are pushed by the worker itself whenever it pauses or stops.
  if (!m_controller || !m_controller->hasWeights()) return;
  if (m_batch->isVisible() && !m_batch->live()) m_controller->requestBatch(m_batch->count());
  if (m_filters->isVisible() && !m_filters->live() && !m_filters->layer().isEmpty()) {
    m_controller->requestFilters(m_filters->layer(), m_filters->diff());
  }
  if (m_maps->isVisible() && !m_maps->live()) m_controller->requestFeatureMaps(m_maps->imageIndex());
}

}  // namespace crema::ui
