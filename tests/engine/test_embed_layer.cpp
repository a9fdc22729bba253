#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/embed_layer.h"

namespace crema::test {

TEST(EmbedLayer, ShapesAndParams) {
  Rng rng(1);
  EmbedLayer layer(LayerParamFromText("type: 'Embed' embed_param { num_output: 10 input_dim: 5 }"));
  layer.set_rng(&rng);
  Blob ids({4, 1}), y;
  layer.SetUp({&ids}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{4, 1, 10}));
  ASSERT_EQ(layer.blobs().size(), 2u);
  EXPECT_EQ(layer.blobs()[0]->shape(), (std::vector<int>{5, 10}));
  EXPECT_EQ(layer.blobs()[1]->shape(), (std::vector<int>{10}));
  EXPECT_FALSE(layer.AllowForceBackward(0));
  EmbedLayer no_bias(LayerParamFromText("type: 'Embed' embed_param { num_output: 3 input_dim: 5 bias_term: false }"));
  no_bias.set_rng(&rng);
  no_bias.SetUp({&ids}, {&y});
  EXPECT_EQ(no_bias.blobs().size(), 1u);
}

TEST(EmbedLayer, LookupAndGradientAccumulation) {
  Rng rng(1);
  EmbedLayer layer(LayerParamFromText("type: 'Embed' embed_param { num_output: 2 input_dim: 3 }"));
  layer.set_rng(&rng);
  Blob ids({3}), y;
  const float idv[] = {2, 0, 2};
  std::copy(idv, idv + 3, ids.mutable_cpu_data());
  layer.SetUp({&ids}, {&y});
  const float w[] = {1, 2, 3, 4, 5, 6}, b[] = {0.5f, -0.5f};
  std::copy(w, w + 6, layer.blobs()[0]->mutable_cpu_data());
  std::copy(b, b + 2, layer.blobs()[1]->mutable_cpu_data());
  layer.Forward({&ids}, {&y});
  const float expect[] = {5.5f, 5.5f, 1.5f, 1.5f, 5.5f, 5.5f};
  for (int i = 0; i < 6; ++i) EXPECT_FLOAT_EQ(y.cpu_data()[i], expect[i]);
  for (int i = 0; i < 6; ++i) y.mutable_cpu_diff()[i] = static_cast<float>(i + 1);
  layer.blobs()[0]->set_diff(0.f);
  layer.blobs()[1]->set_diff(0.f);
  layer.Backward({&y}, {false}, {&ids});
  const float dw[] = {3, 4, 0, 0, 1 + 5, 2 + 6};
  for (int i = 0; i < 6; ++i) EXPECT_FLOAT_EQ(layer.blobs()[0]->cpu_diff()[i], dw[i]);
  EXPECT_FLOAT_EQ(layer.blobs()[1]->cpu_diff()[0], 9.f);
  EXPECT_FLOAT_EQ(layer.blobs()[1]->cpu_diff()[1], 12.f);
  EXPECT_THROW(layer.Backward({&y}, {true}, {&ids}), ConfigError);
}

TEST(EmbedLayer, RejectsBadIds) {
  Rng rng(1);
  EmbedLayer layer(LayerParamFromText("type: 'Embed' embed_param { num_output: 2 input_dim: 3 }"));
  layer.set_rng(&rng);
  Blob ids({1}), y;
  layer.SetUp({&ids}, {&y});
  ids.mutable_cpu_data()[0] = 3.f;
  EXPECT_THROW(layer.Forward({&ids}, {&y}), ConfigError);
  ids.mutable_cpu_data()[0] = 1.5f;
  EXPECT_THROW(layer.Forward({&ids}, {&y}), ConfigError);
}

TEST(EmbedLayer, GradientCheckParams) {
  EmbedLayer layer(LayerParamFromText(
      "type: 'Embed' embed_param { num_output: 5 input_dim: 4 weight_filler { type: 'uniform' min: -1 max: 1 } "
      "bias_filler { type: 'uniform' min: -1 max: 1 } }"));
  Blob ids({2, 3}), y;
  for (int i = 0; i < 6; ++i) ids.mutable_cpu_data()[i] = static_cast<float>((i * 3) % 4);
  GradientCheckOptions opt;
  opt.bottoms = {-1};  // ids are not differentiable: check the params only
  CheckGradient(layer, {&ids}, {&y}, opt);
}

}  // namespace crema::test
