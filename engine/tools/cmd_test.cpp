// crema-cli test: Caffe's `caffe test` (tools/caffe.cpp): scores a trained
// model in the TEST phase for --iterations batches (default 50, as Caffe) and
// prints per-batch values, then "Loss: X" and "<output> = <mean over batches>".
//   test --model M --weights W[,W2] [--iterations 50] [--threads N] [--stage s] [--level L]
#include <sstream>

#include "common.h"
#include "dnnl/dnnl_context.h"
#include "io/io.h"
#include "log.h"
#include "net.h"
#include "tools/commands.h"
#include "tools/flags.h"

namespace crema::tools {

int Test(const Args& args) {
  const Flags flags(args, {"model", "weights", "iterations", "threads", "stage", "level", "gpu"});
  if (!flags.positional().empty()) throw UsageError("unexpected argument '" + flags.positional()[0] + "'");
  if (!flags.Has("model")) throw UsageError("Need a model definition to score (--model)");
  if (!flags.Has("weights")) throw UsageError("Need model weights to score (--weights)");
  const int iterations = flags.GetInt("iterations", 50);
  if (iterations <= 0) throw UsageError("--iterations must be > 0");
  SetNumThreads(flags.GetInt("threads", 0));
  LOG_INFO("Using ", NumThreads(), " threads; ", DnnlDescription());

  const std::string model = flags.Get("model");
  caffe::NetParameter param = ReadNetParamFromTextFile(model);
  caffe::NetState* state = param.mutable_state();
  state->set_phase(caffe::TEST);
  if (flags.Has("level")) state->set_level(flags.GetInt("level", 0));
  std::stringstream stages(flags.Get("stage"));
  for (std::string s; std::getline(stages, s, ',');) {
    if (!s.empty()) state->add_stage(s);
  }
  Net net(param, nullptr, DirName(model));
  std::stringstream weights(flags.Get("weights"));
  for (std::string w; std::getline(weights, w, ',');) {
    if (w.empty()) continue;
    LOG_INFO("Copying weights from ", w);
    net.CopyTrainedLayersFromFile(w);
  }
  LOG_INFO("Running for ", iterations, " iterations.");

  std::vector<float> score;
  std::vector<int> score_output;
  float loss = 0;
  for (int i = 0; i < iterations; ++i) {
    loss += net.Forward();
    const auto& outputs = net.output_blobs();
    int idx = 0;
    for (size_t j = 0; j < outputs.size(); ++j) {
      const std::string& name = net.blob_names()[net.output_blob_indices()[j]];
      const float* v = outputs[j]->cpu_data();
      for (int k = 0; k < outputs[j]->count(); ++k, ++idx) {
        if (i == 0) {
          score.push_back(v[k]);
          score_output.push_back(static_cast<int>(j));
        } else {
          score[idx] += v[k];
        }
        LOG_INFO("Batch ", i, ", ", name, " = ", v[k]);
      }
    }
  }
  loss /= iterations;
  LOG_INFO("Loss: ", loss);
  for (size_t i = 0; i < score.size(); ++i) {
    const int blob = net.output_blob_indices()[score_output[i]];
    const std::string& name = net.blob_names()[blob];
    const float w = net.blob_loss_weights()[blob];
    const float mean = score[i] / iterations;
    std::string loss_msg;
    if (w) loss_msg = Format(" (* ", w, " = ", w * mean, " loss)");
    LOG_INFO(name, " = ", mean, loss_msg);
  }
  return 0;
}

}  // namespace crema::tools
