// Placeholder until the owner lands the real command.
#include "tools/commands.h"
#include "common.h"

namespace crema::tools {

int Test(const Args&) { throw Error("test: not implemented yet"); }


}  // namespace crema::tools
