// Placeholder until the owner lands the real command.
#include "tools/commands.h"
#include "common.h"

namespace crema::tools {

int ConvertMnist(const Args&) { throw Error("convert_mnist: not implemented yet"); }


}  // namespace crema::tools
