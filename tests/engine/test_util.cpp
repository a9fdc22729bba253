#include <google/protobuf/text_format.h>

#include "common.h"
#include "gradient_checker.h"

namespace crema::test {

caffe::LayerParameter LayerParamFromText(const std::string& text) {
  caffe::LayerParameter p;
  if (!google::protobuf::TextFormat::ParseFromString(text, &p)) throw ParseError("bad test layer text: " + text);
  if (!p.has_name()) p.set_name("test");
  return p;
}

}  // namespace crema::test
