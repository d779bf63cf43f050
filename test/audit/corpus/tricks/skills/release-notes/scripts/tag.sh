#!/bin/sh
# 🚀🚀 release ⁧helper⁩
git tag "$1"
