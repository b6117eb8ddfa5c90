# The function's build for `sam build` (template.yaml: Metadata BuildMethod: makefile). SAM copies the CodeUri
# folder (the repository root: the function references its sibling projects) to a scratch folder and runs
#   make --makefile <scratch>/Makefile build-AlbLogFunction
# there, with ARTIFACTS_DIR set to the folder it zips. Nothing but the .NET SDK is needed for the default package.
#
#   FUNCTION_ARCHITECTURE  arm64 (the template's default) or x86_64: template.yaml's FunctionArchitecture
#   FUNCTION_PACKAGE       managed (dotnet10 runtime, ReadyToRun code) or native-aot (a provided.al2023 `bootstrap`):
#                          template.yaml's FunctionPackage
#
# SAM passes its own environment to make, so `FUNCTION_PACKAGE=native-aot FUNCTION_ARCHITECTURE=x86_64 sam build`
# selects the package; give the template the same two values when deploying (README "Deploy").
# Native AOT for arm64 on an x86-64 machine needs a cross toolchain (README "Deploy", Native AOT).

FUNCTION_ARCHITECTURE ?= arm64
FUNCTION_PACKAGE ?= managed
CONFIGURATION ?= Release
DOTNET ?= dotnet

RID_arm64 := linux-arm64
RID_x86_64 := linux-x64
RID := $(RID_$(FUNCTION_ARCHITECTURE))

PROJECT := src/AlbLogLambda/AlbLogLambda.csproj

# What the Lambda package must not carry: symbols and XML documentation (built for the analyzers, useless at run time).
NO_SYMBOLS_OR_DOCS := -p:DebugType=none -p:DebugSymbols=false -p:CopyOutputSymbolsToPublishDirectory=false \
	-p:PublishDocumentationFile=false -p:PublishDocumentationFiles=false -p:PublishReferencesDocumentationFiles=false \
	-p:AllowedReferenceRelatedFileExtensions=none

.PHONY: build-AlbLogFunction check-arguments managed native-aot tool-packages

build-AlbLogFunction: check-arguments $(FUNCTION_PACKAGE)

check-arguments:
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set (sam build sets it; by hand: make build-AlbLogFunction ARTIFACTS_DIR=out)" >&2; exit 1; }
	@test -n "$(RID)" || { echo "FUNCTION_ARCHITECTURE must be arm64 or x86_64, not '$(FUNCTION_ARCHITECTURE)'" >&2; exit 1; }
	@case "$(FUNCTION_PACKAGE)" in managed|native-aot) ;; *) echo "FUNCTION_PACKAGE must be managed or native-aot, not '$(FUNCTION_PACKAGE)'" >&2; exit 1;; esac

# Framework-dependent for the managed dotnet10 runtime (Handler: AlbLogLambda), with ReadyToRun code for ARCH.
managed:
	$(DOTNET) publish $(PROJECT) -c $(CONFIGURATION) -r $(RID) --self-contained false -p:PublishReadyToRun=true \
		$(NO_SYMBOLS_OR_DOCS) -o "$(ARTIFACTS_DIR)"

# One native executable named bootstrap, as the provided.al2023 runtime starts it (Handler: bootstrap).
native-aot:
	$(DOTNET) publish $(PROJECT) -c $(CONFIGURATION) -r $(RID) -p:PublishAot=true \
		$(NO_SYMBOLS_OR_DOCS) -p:StripSymbols=true -o "$(ARTIFACTS_DIR)/.aot"
	cp "$(ARTIFACTS_DIR)/.aot/AlbLogLambda" "$(ARTIFACTS_DIR)/bootstrap"
	rm -rf "$(ARTIFACTS_DIR)/.aot"

# alblog as a .NET tool (not used by SAM): the pointer package that `dotnet tool install` reads first, alblog as Native
# AOT for linux-x64 (compiled on this machine, so run it on linux-x64), and the framework-dependent package every other
# platform falls back to. `make tool-packages PACKAGES_DIR=artifacts`, then
# `dotnet tool install -g AlbLogLambda.Cli --add-source artifacts` (README "Replay an incident").
PACKAGES_DIR ?= artifacts
CLI_PROJECT := src/AlbLogLambda.Cli/AlbLogLambda.Cli.csproj

tool-packages:
	$(DOTNET) pack $(CLI_PROJECT) -c $(CONFIGURATION) -o "$(PACKAGES_DIR)"
	$(DOTNET) pack $(CLI_PROJECT) -c $(CONFIGURATION) -r any -p:PublishAot=false -o "$(PACKAGES_DIR)"
	$(DOTNET) pack $(CLI_PROJECT) -c $(CONFIGURATION) -r linux-x64 -o "$(PACKAGES_DIR)"
