#!/bin/sh
# Prints the changelog section for the version given.
set -eu
echo "## $1"
git log --oneline "$(git describe --tags --abbrev=0)..HEAD"
