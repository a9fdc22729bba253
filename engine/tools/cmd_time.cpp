// Placeholder until the owner lands the real command.
#include "tools/commands.h"
#include "common.h"

namespace crema::tools {

int Time(const Args&) { throw Error("time: not implemented yet"); }


}  // namespace crema::tools
