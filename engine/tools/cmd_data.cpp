// Placeholder until the owner lands the real command.
#include "tools/commands.h"
#include "common.h"

namespace crema::tools {

int Data(const Args&) { throw Error("data: not implemented yet"); }


}  // namespace crema::tools
