// Placeholder until the owner lands the real command.
#include "tools/commands.h"
#include "common.h"

namespace crema::tools {

int Train(const Args&) { throw Error("train: not implemented yet"); }


}  // namespace crema::tools
