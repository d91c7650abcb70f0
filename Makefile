# Thin wrapper over meson/ninja. `make run` and `make check` install any
# missing Debian packages first (scripts/install-deps.sh), then build.
BUILD ?= build
MESON ?= meson

.PHONY: all deps build run check check-unit check-guest check-slow bench clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD)/build.ninja:
	$(MESON) setup $(BUILD) >/dev/null

build: $(BUILD)/build.ninja
	@ninja -C $(BUILD)

run: deps build
	@bash scripts/demo.sh $(BUILD)

check: deps build
	@bash tests/run-all.sh $(BUILD)

check-slow: deps build
	@MIMIC_SLOW=1 bash tests/run-all.sh $(BUILD)

bench: deps build
	@bash bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD)
