// Placeholder until the owner lands the real command.
#include "tools/commands.h"
#include "common.h"

namespace crema::tools {

int UpgradeNet(const Args&) { throw Error("upgrade: not implemented yet"); }
int UpgradeSolver(const Args&) { throw Error("upgrade-solver: not implemented yet"); }

}  // namespace crema::tools
