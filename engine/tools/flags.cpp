#include "tools/flags.h"

#include <algorithm>

namespace crema::tools {

Flags::Flags(const std::vector<std::string>& args, const std::vector<std::string>& known,
             const std::vector<std::string>& booleans) {
  auto is = [](const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() < 2 || a[0] != '-') {
      positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(a[1] == '-' ? 2 : 1);
    std::string value;
    bool has_value = false;
    const auto eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    if (!is(known, name) && !is(booleans, name)) throw UsageError("unknown flag --" + name);
    if (is(booleans, name)) {
      values_[name] = has_value ? value : "true";
      continue;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) throw UsageError("flag --" + name + " needs a value");
      value = args[++i];
    }
    values_[name] = value;
  }
}

std::string Flags::Get(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

int Flags::GetInt(const std::string& name, int fallback) const {
  if (!Has(name)) return fallback;
  const std::string v = Get(name);
  try {
    size_t pos = 0;
    const int n = std::stoi(v, &pos);
    if (pos != v.size()) throw UsageError("");
    return n;
  } catch (const std::exception&) {
    throw UsageError("flag --" + name + " expects an integer, got '" + v + "'");
  }
}

}  // namespace crema::tools
