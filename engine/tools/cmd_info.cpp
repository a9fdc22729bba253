// Placeholder until the owner lands the real command.
#include "tools/commands.h"
#include "common.h"

namespace crema::tools {

int Info(const Args&) { throw Error("info: not implemented yet"); }


}  // namespace crema::tools
