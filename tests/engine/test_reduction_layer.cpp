#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/reduction_layer.h"

namespace crema::test {

TEST(ReductionLayer, Shapes) {
  Blob x(2, 3, 4, 5), y;
  ReductionLayer all(LayerParamFromText("type: 'Reduction'"));
  all.SetUp({&x}, {&y});
  EXPECT_EQ(y.num_axes(), 0);
  EXPECT_EQ(y.count(), 1);
  ReductionLayer tail(LayerParamFromText("type: 'Reduction' reduction_param { axis: 2 }"));
  tail.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{2, 3}));
  ReductionLayer neg(LayerParamFromText("type: 'Reduction' reduction_param { axis: -1 }"));
  neg.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{2, 3, 4}));
}

TEST(ReductionLayer, AllOperationsHandComputed) {
  Blob x({2, 3}), y;
  const float v[] = {1, -2, 3, -4, 5, 0};
  std::copy(v, v + 6, x.mutable_cpu_data());
  struct Case {
    const char* op;
    float y0, y1;
    float dx[6];
  };
  // coeff 2, top diff [1, -1].
  const Case cases[] = {
      {"SUM", 4, 2, {2, 2, 2, -2, -2, -2}},
      {"ASUM", 12, 18, {2, -2, 2, 2, -2, 0}},
      {"SUMSQ", 28, 82, {4, -8, 12, 16, -20, 0}},
      {"MEAN", 4.f / 3, 2.f / 3, {2.f / 3, 2.f / 3, 2.f / 3, -2.f / 3, -2.f / 3, -2.f / 3}},
  };
  for (const auto& c : cases) {
    ReductionLayer layer(LayerParamFromText(std::string("type: 'Reduction' reduction_param { axis: 1 coeff: 2 "
                                                        "operation: ") + c.op + " }"));
    layer.SetUp({&x}, {&y});
    layer.Forward({&x}, {&y});
    EXPECT_FLOAT_EQ(y.cpu_data()[0], c.y0) << c.op;
    EXPECT_FLOAT_EQ(y.cpu_data()[1], c.y1) << c.op;
    y.mutable_cpu_diff()[0] = 1.f;
    y.mutable_cpu_diff()[1] = -1.f;
    layer.Backward({&y}, {true}, {&x});
    for (int i = 0; i < 6; ++i) EXPECT_FLOAT_EQ(x.cpu_diff()[i], c.dx[i]) << c.op << " " << i;
  }
}

TEST(ReductionLayer, GradientCheckEachOperation) {
  for (const char* op : {"SUM", "ASUM", "SUMSQ", "MEAN"}) {
    Blob x(2, 3, 4, 5), y;
    FillGaussianTest(&x);
    ReductionLayer layer(LayerParamFromText(std::string("type: 'Reduction' reduction_param { axis: 1 coeff: 0.7 "
                                                        "operation: ") + op + " }"));
    CheckGradient(layer, {&x}, {&y}, KinkAtZero());  // ASUM has a kink at 0
  }
}

}  // namespace crema::test
