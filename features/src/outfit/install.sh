#!/usr/bin/env bash
# Dev container Feature install script (containers.dev Feature spec): runs as root at image build time, with the
# options as upper-case variables (VERSION, SCOPE, KIT, TOOLS) and _REMOTE_USER / _REMOTE_USER_HOME set by the
# tooling. Installs outfit-cli globally; for scope global installs the kit into the remote user's home now; for scope
# project writes the post-create script that installs the workspace's locked kit once the workspace is mounted.
set -euo pipefail

VERSION="${VERSION:-latest}"
SCOPE="${SCOPE:-project}"
KIT="${KIT:-}"
TOOLS="${TOOLS:-}"
FEATURE_DIR="${OUTFIT_FEATURE_DIR:-/usr/local/share/outfit-feature}"
REMOTE_USER="${_REMOTE_USER:-root}"
REMOTE_HOME="${_REMOTE_USER_HOME:-$(getent passwd "$REMOTE_USER" | cut -d: -f6)}"

fail() {
  echo "outfit feature: $*" >&2
  exit 1
}

command -v npm >/dev/null 2>&1 ||
  fail "npm is not installed in the image; add the Node feature (ghcr.io/devcontainers/features/node) before this one"

case "$SCOPE" in
  project | global) ;;
  *) fail "option 'scope' must be project or global, not '$SCOPE'" ;;
esac
if [ "$SCOPE" = "global" ]; then
  [ -n "$KIT" ] || fail "scope global needs the 'kit' option (a pinned source such as github:acme/kit#v1.2.0)"
  [ -n "$TOOLS" ] || fail "scope global needs the 'tools' option (tool names, or all)"
fi

# A version, range or tag of outfit-cli; anything else (a path, URL or git spec) goes to npm as it is.
if [[ "$VERSION" =~ ^(latest|next|[0-9xX*^~\<\>=v][0-9A-Za-z.*^~\<\>=|\ -]*)$ ]]; then
  SPEC="outfit-cli@$VERSION"
else
  SPEC="$VERSION"
fi
npm install -g --no-audit --no-fund "$SPEC"
OUTFIT="$(npm prefix -g)/bin/outfit"
[ -x "$OUTFIT" ] || fail "npm installed $SPEC but $OUTFIT is missing"

# The tool arguments: names, or --all.
tool_args() {
  local list="${1//,/ }"
  if [ "$list" = "all" ]; then echo "--all"; else echo "$list"; fi
}

# Runs a command as the container's user (the build runs as root).
as_user() {
  if [ "$(id -u)" = "0" ] && [ "$REMOTE_USER" != "root" ] && [ "$REMOTE_USER" != "$(id -un)" ]; then
    su "$REMOTE_USER" -s /bin/bash -c "$(printf '%q ' "$@")"
  else
    HOME="$REMOTE_HOME" "$@"
  fi
}

mkdir -p "$FEATURE_DIR"
if [ "$SCOPE" = "global" ]; then
  # shellcheck disable=SC2046 # tool names are words
  as_user "$OUTFIT" install $(tool_args "$TOOLS") --scope global --kit "$KIT" --yes --trust
  printf '#!/usr/bin/env bash\n# outfit feature: the kit was installed into the home at build time.\nexit 0\n' \
    >"$FEATURE_DIR/post-create.sh"
else
  # Written now, run by the tooling as the remote user in the workspace after the container is created.
  cat >"$FEATURE_DIR/post-create.sh" <<SCRIPT
#!/usr/bin/env bash
# outfit feature (scope project): install the workspace's kit exactly as outfit.lock pins it.
set -euo pipefail
if [ ! -e outfit.config.yaml ] && [ ! -e outfit.lock ]; then
  echo "outfit feature: no outfit.config.yaml or outfit.lock in \$(pwd); nothing to install" >&2
  exit 0
fi
exec "$OUTFIT" install $(tool_args "$TOOLS") --scope project --frozen --yes
SCRIPT
fi
chmod 0755 "$FEATURE_DIR/post-create.sh"
echo "outfit feature: $("$OUTFIT" --version) installed (scope $SCOPE)"
