#include "filler.h"

#include <cmath>
#include <limits>

#include "common.h"

namespace crema {
namespace {

int FanIn(const Blob& b) { return b.num_axes() > 0 ? b.count() / b.shape(0) : 1; }
int FanOut(const Blob& b) { return b.num_axes() > 1 ? b.count() / b.shape(1) : b.count(); }

float ScaleDenominator(const caffe::FillerParameter& p, const Blob& b) {
  const float fan_in = static_cast<float>(FanIn(b));
  const float fan_out = static_cast<float>(FanOut(b));
  switch (p.variance_norm()) {
    case caffe::FillerParameter::AVERAGE: return (fan_in + fan_out) / 2.f;
    case caffe::FillerParameter::FAN_OUT: return fan_out;
    default: return fan_in;
  }
}

void FillUniform(float lo, float hi, Blob* blob, Rng& rng) {
  Require(lo <= hi, "uniform filler: min (", lo, ") must be <= max (", hi, ")");
  // Caffe makes the upper bound inclusive with nextafter (math_functions.cpp).
  const float upper = std::nextafter(hi, std::numeric_limits<float>::max());
  std::uniform_real_distribution<float> dist(lo, upper);
  float* d = blob->mutable_cpu_data();
  for (int i = 0; i < blob->count(); ++i) d[i] = dist(rng.engine());
}

void FillGaussian(float mean, float stddev, Blob* blob, Rng& rng) {
  std::normal_distribution<float> dist(mean, stddev);
  float* d = blob->mutable_cpu_data();
  for (int i = 0; i < blob->count(); ++i) d[i] = dist(rng.engine());
}

}  // namespace

void FillBlob(const caffe::FillerParameter& p, Blob* blob, Rng& rng) {
  const std::string& type = p.type();
  float* d = blob->mutable_cpu_data();
  const int count = blob->count();
  // Only the gaussian filler implements `sparse` (Caffe CHECKs the others).
  Require(type == "gaussian" || p.sparse() == -1, type, " filler: sparsity is not supported by this filler (sparse: ",
          p.sparse(), ")");
  if (type == "constant") {
    blob->set_data(p.value());
  } else if (type == "uniform") {
    FillUniform(p.min(), p.max(), blob, rng);
  } else if (type == "gaussian") {
    Require(p.std() > 0, "gaussian filler: std must be > 0, got ", p.std());
    FillGaussian(p.mean(), p.std(), blob, rng);
    const int sparse = p.sparse();
    Require(sparse >= -1, "gaussian filler: sparse must be >= -1, got ", sparse);
    if (sparse >= 0) {
      // Each weight is kept with probability sparse / num_outputs (Caffe GaussianFiller).
      Require(blob->num_axes() >= 1, "gaussian filler: sparse needs a blob with at least one axis");
      const float non_zero_probability = static_cast<float>(sparse) / blob->shape(0);
      std::bernoulli_distribution keep(non_zero_probability);
      for (int i = 0; i < count; ++i) d[i] *= keep(rng.engine()) ? 1.f : 0.f;
    }
  } else if (type == "positive_unitball") {
    FillUniform(0.f, 1.f, blob, rng);
    const int num = blob->num_axes() > 0 ? blob->shape(0) : 1;
    const int dim = count / num;
    for (int i = 0; i < num; ++i) {
      double sum = 0;
      for (int j = 0; j < dim; ++j) sum += d[i * dim + j];
      for (int j = 0; j < dim; ++j) d[i * dim + j] = static_cast<float>(d[i * dim + j] / sum);
    }
  } else if (type == "xavier") {
    const float scale = std::sqrt(3.f / ScaleDenominator(p, *blob));
    FillUniform(-scale, scale, blob, rng);
  } else if (type == "msra") {
    const float stddev = std::sqrt(2.f / ScaleDenominator(p, *blob));
    FillGaussian(0.f, stddev, blob, rng);
  } else if (type == "bilinear") {
    Require(blob->num_axes() == 4, "bilinear filler: blob must be 4-D, got ", blob->shape_string());
    Require(blob->shape(2) == blob->shape(3), "bilinear filler: kernel must be square, got ",
            blob->shape_string());
    const int k = blob->shape(3);
    const int fi = static_cast<int>(std::ceil(k / 2.0));
    const float f = static_cast<float>(fi);
    const float c = static_cast<float>((k - 1) / (2.0 * fi));  // Caffe BilinearFiller: (width - 1) / (2f)
    for (int i = 0; i < count; ++i) {
      const float x = static_cast<float>(i % k);
      const float y = static_cast<float>((i / k) % k);
      d[i] = (1 - std::fabs(x / f - c)) * (1 - std::fabs(y / f - c));
    }
  } else {
    throw ConfigError(Format("Unknown filler type '", type,
                             "' (known: constant, uniform, gaussian, positive_unitball, xavier, msra, bilinear)"));
  }
}

}  // namespace crema
