#!/bin/bash
# The probes of issue 28 (sharp edges), classes 1-9, against one build of the command line:
#
#   bench/issue-28-probes.sh CLASSPATH LABEL [SPARK_JARS_DIR]
#   e.g. bench/issue-28-probes.sh "$PWD/sde4j-cli/target/sde4j-cli-0.1.0-SNAPSHOT.jar:$PWD/sde4j-cli/target/lib/*" after \
#            "$PWD/sde4j-cli/target/spark-lib"
#
# Prints one line per probe, "LABEL CLASS NAME good|weak|bad DETAIL", and a summary per class. good: the probe ends as
# docs/reliability.md promises; bad: a stack trace, a hang, exit 0 after a lost result, NaN or Infinity printed, a
# silent wrong answer; weak: anything else. Each run is in a fresh temporary directory; takes a few minutes.
CP="$1"; LABEL="$2"; SPARK_JARS="${3:-}"
W=$(mktemp -d)
cd "$W"
J="java -Xmx1g -cp $CP org.sde4j.cli.Main"
mkdir -p dir empty docs nb
echo "x" > file.txt
declare -A GOOD BAD WEAK
result() { # class name verdict detail
  echo "$LABEL $1 $2 $3 $4"
  case $3 in good) GOOD[$1]=$(( ${GOOD[$1]:-0} + 1 ));; bad) BAD[$1]=$(( ${BAD[$1]:-0} + 1 ));; *) WEAK[$1]=$(( ${WEAK[$1]:-0} + 1 ));; esac
}
run() { # mode(normal|full|closed) timeout args...
  local mode=$1 t=$2; shift 2
  rm -f out err
  local start=$(date +%s.%N)
  case $mode in
    full) timeout $t $J "$@" >/dev/full 2>err; CODE=$?;;
    closed) timeout $t $J "$@" >&- 2>err; CODE=$?;;
    *) timeout $t $J "$@" >out 2>err; CODE=$?;;
  esac
  SECS=$(echo "$(date +%s.%N) - $start" | bc)
  touch out
  TRACE=$(grep -c $'^\tat \|internal error\|Exception in thread' err)
  ERRLINES=$(wc -l < err)
  NAN=$(grep -Ec '\bNaN\b|Infinity' out)
  MAXLINE=$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' err)
}
# refuse: exit 2, at most 2 stderr lines, no trace, no hang
refuse() { local c=$1 n=$2; shift 2; run normal 120 "$@"
  if [[ $CODE == 124 ]]; then result $c $n bad "hang"
  elif [[ $TRACE -gt 0 ]]; then result $c $n bad "stack-trace(exit $CODE)"
  elif [[ $CODE == 0 ]]; then result $c $n bad "exit0"
  elif [[ $CODE == 2 && $ERRLINES -le 2 && $MAXLINE -le 1000 ]]; then result $c $n good "exit2 ${SECS}s: $(head -c 160 err | head -1)"
  else result $c $n weak "exit$CODE lines=$ERRLINES maxline=$MAXLINE: $(head -c 160 err | head -1)"; fi; }
# nonumber: exit 0 with no NaN/Infinity in stdout, or a clean refusal
nonumber() { local c=$1 n=$2; shift 2; run normal 300 "$@"
  if [[ $CODE == 124 ]]; then result $c $n bad "hang"
  elif [[ $TRACE -gt 0 ]]; then result $c $n bad "stack-trace"
  elif [[ $CODE == 0 && $NAN -gt 0 ]]; then result $c $n bad "NaN/Infinity printed: $(grep -Eo '.{0,30}(NaN|Infinity).{0,10}' out | head -1)"
  elif [[ $CODE == 0 ]] && grep -q '± 0\.0000\b' out; then result $c $n weak "± 0.0000 printed"
  elif [[ $CODE == 0 || ($CODE == 2 && $ERRLINES -le 2) ]]; then result $c $n good "exit$CODE"
  else result $c $n weak "exit$CODE: $(head -c 160 err | head -1)"; fi; }
# stdout: a failing stdout must give exit != 0 and a message
stdoutfail() { local c=$1 n=$2 mode=$3; shift 3; run $mode 300 "$@"
  if [[ $CODE == 124 ]]; then result $c $n bad "hang"
  elif [[ $CODE == 0 ]]; then result $c $n bad "exit0 (result lost silently)"
  elif [[ $TRACE -gt 0 ]]; then result $c $n weak "exit$CODE with trace"
  else result $c $n good "exit$CODE: $(head -c 140 err | tail -1)"; fi; }
noTmp() { local c=$1 n=$2; if [[ -n "$(find "$W" -name '*.tmp' -print -quit)" ]]; then result $c $n bad "tmp left: $(find "$W" -name '*.tmp' | head -1)"; else result $c $n good "no tmp"; fi; }

SUB="--data subset --train-limit 256 --test-limit 32"
# 1. outputs
refuse 1 convergence-plot-dir convergence --problem gbm --paths 40 --levels 3 --coarsest 4 --threads 1 --plot dir
refuse 1 convergence-plot-parent-uncreatable convergence --problem gbm --paths 40 --levels 3 --coarsest 4 --threads 1 --plot /proc/nope/x.png
refuse 1 convergence-plot-proc convergence --problem gbm --paths 40 --levels 3 --coarsest 4 --threads 1 --plot /proc/x.png
refuse 1 experiment-output-dir experiment $SUB --archs resnet --widths 2,2,2 --blocks 1 --epochs 1 --seeds 1 --mc-passes 0 --output dir
refuse 1 bench-doc-proc bench --only gaussian --paths 1000 --steps 8 --repeats 1 --doc /proc/x.md
refuse 1 sgd-sde-output-dir sgd-sde --paths 200 --output dir
refuse 1 depth-steps-output-proc depth-steps $SUB --train-steps 1 --eval-steps 1,2 --width 2 --epochs 1 --output /proc/d.md
refuse 1 experiment-runs-file experiment $SUB --archs resnet --widths 2,2,2 --blocks 1 --epochs 1 --seeds 1 --mc-passes 0 --output docs/a.md --runs file.txt
refuse 1 tour-plots-file tour --paths 64 --strong-paths 20 --steps 8 --threads 1 --plots file.txt
refuse 1 non-lipschitz-output-dir non-lipschitz $SUB --seeds 1 --blocks 1 --width 2 --epochs 1 --output dir
mkdir -p away && (cd away && timeout 120 $J experiment $SUB --archs resnet --widths 2,2,2 --blocks 1 --epochs 1 --seeds 1 --mc-passes 0 >/dev/null 2>&1)
if [[ -e away/img || -e away/docs/img ]]; then result 1 experiment-no-img-in-cwd bad "img written in $(cd away; find . -name img)"; else result 1 experiment-no-img-in-cwd good "no img"; fi
noTmp 1 no-tmp-left
# 2. stdout
stdoutfail 2 solve-json-devfull full solve --problem gbm --paths 1000 --steps 8 --threads 1 --json
stdoutfail 2 list-closed closed list
stdoutfail 2 list-devfull full list
stdoutfail 2 convergence-devfull full convergence --problem gbm --paths 40 --levels 3 --coarsest 4 --threads 1
stdoutfail 2 fit-devfull full fit --model gbm --synthetic --epochs 50
# 3. memory
refuse 3 train-widths-4096 train $SUB --widths 4096,4096,4096 --epochs 1
refuse 3 train-blocks-100000 train $SUB --blocks 100000 --epochs 1
refuse 3 train-mlp-30000 train $SUB --arch mlp --widths 30000,30000 --epochs 1
refuse 3 experiment-widths-4096 experiment $SUB --archs resnet --widths 4096,4096,4096 --blocks 1 --epochs 1 --seeds 1 --output docs/a.md
refuse 3 sgd-sde-paths-max sgd-sde --paths 2147483647 --output docs/e.md
refuse 3 train-threads-10000 train $SUB --threads 10000 --epochs 1 --arch mlp --widths 8
run normal 60 solve --problem gbm --paths 100 --steps 8 --threads 2147483647
if [[ $CODE == 2 ]] && grep -q -- "--threads" err; then result 3 solve-threads-max good "names --threads"; else result 3 solve-threads-max weak "exit$CODE: $(head -c 150 err)"; fi
# 4. non-numbers
nonumber 4 sgd-sde-small-paths sgd-sde --paths 100 --output docs/e.md
nonumber 4 depth-steps-one-step-count depth-steps $SUB --train-steps 1 --eval-steps 4,4 --width 2 --epochs 1 --output docs/e.md
nonumber 4 fit-held-out-0 fit --model gbm --synthetic --held-out 0 --epochs 50
nonumber 4 solve-paths-2 solve --problem gbm --paths 2 --steps 8 --threads 1
nonumber 4 solve-additive-paths-2 solve --problem additive --paths 2 --steps 8 --threads 1
nonumber 4 tour-tiny tour --paths 2 --strong-paths 20 --steps 1 --threads 1
run normal 300 experiment $SUB --archs resnet,resnet --widths 2,2,2 --blocks 1 --epochs 1 --seeds 2 --mc-passes 0 --output docs/a.md
if [[ $CODE == 2 ]]; then result 4 experiment-duplicate-archs good "refused"; elif grep -q '± 0.0000' out; then result 4 experiment-duplicate-archs bad "sd 0 of the same run reported"; else result 4 experiment-duplicate-archs weak "exit$CODE"; fi
# 5. fit conditioning: a daily series, integer times
python3 -c "
import random, math
random.seed(3); x=10.0
print('t,temp')
for t in range(1500):
    m=10+3*math.sin(2*math.pi*t/365.25); x = m + (x-m)*math.exp(-0.3) + 2*random.gauss(0,1)
    print(f'{t},{x:.4f}')" > daily.csv
run normal 120 fit --model ou-seasonal --data daily.csv --column temp
if [[ $CODE == 2 ]] && grep -q -- "--periods" err; then result 5 fit-ou-seasonal-daily good "refused naming --periods"; elif [[ $CODE == 0 ]]; then result 5 fit-ou-seasonal-daily bad "exit0: $(grep '^a ' out)"; else result 5 fit-ou-seasonal-daily weak "exit$CODE: $(head -c 150 err)"; fi
nonumber 5 fit-ou-seasonal-hourly fit --model ou-seasonal --data bundled:seattle-temps --column temp --epochs 100
# 6. messages name options
msg() { local c=$1 n=$2 want=$3; shift 3; run normal 120 "$@"
  if [[ $TRACE -gt 0 ]]; then result $c $n bad "stack trace"
  elif [[ $CODE == 2 ]] && grep -q -- "$want" err; then result $c $n good "names $want"
  elif [[ $CODE == 0 ]]; then result $c $n bad "silently ignored (exit0)"
  else result $c $n weak "exit$CODE: $(head -c 150 err | head -1)"; fi; }
msg 6 convergence-refinement-0 "--refinement" convergence --problem cubic --against reference --paths 40 --levels 3 --coarsest 4 --refinement 0
msg 6 train-lr-0 "--lr" train $SUB --lr 0 --epochs 1 --arch mlp --widths 8
msg 6 fit-held-out-2 "--held-out" fit --model gbm --synthetic --held-out 2
msg 6 train-train-limit-0 "--train-limit" train --data subset --train-limit 0 --epochs 1 --arch mlp --widths 8
msg 6 depth-steps-train-steps-0 "--train-steps" depth-steps $SUB --train-steps 0 --eval-steps 1,2 --width 2 --epochs 1 --output docs/e.md
msg 6 repeated-option "--paths: given more than once" solve --problem gbm --paths 5 --paths 6
msg 6 tour-strong-paths-19 "--strong-paths" tour --paths 64 --strong-paths 19 --steps 8
msg 6 convergence-functional-strong "--functional" convergence --problem gbm --kind strong --functional x^2 --paths 40 --levels 3 --coarsest 4
msg 6 convergence-norm-weak "--norm" convergence --problem gbm --kind weak --norm l2 --paths 40 --levels 3 --coarsest 4
msg 6 fit-time-scale-synthetic "--time-scale" fit --model gbm --synthetic --time-scale NaN --epochs 50
# 7. argument files, encodings, long values
refuse 7 atfile-dev-zero solve @/dev/zero
refuse 7 atfile-dir solve @/tmp
printf 't,x\n0,1\n1,2\n2,caf\xe9\n3,4\n4,5\n' > latin1.csv
run normal 60 fit --model gbm --data latin1.csv --column x --epochs 10
if [[ $TRACE -gt 0 ]]; then result 7 fit-latin1-csv bad "stack trace"; elif [[ $CODE == 2 ]] && grep -q "line 4" err; then result 7 fit-latin1-csv good "names line 4"; else result 7 fit-latin1-csv weak "exit$CODE: $(head -c 150 err)"; fi
BIG=$(head -c 100000 /dev/zero | tr '\0' 'x')
run normal 60 solve --problem "$BIG"
if [[ $MAXLINE -le 1000 && $CODE == 2 ]]; then result 7 long-value-echoed good "longest line $MAXLINE"; else result 7 long-value-echoed bad "longest stderr line $MAXLINE chars"; fi
echo "--problem gbm --paths 100 --steps 8 --threads 1 --json" > args.txt
run normal 60 solve @args.txt
if [[ $CODE == 0 ]]; then result 7 atfile-valid good "ran"; else result 7 atfile-valid weak "exit$CODE"; fi
# 8. checkpoints and notebooks
TR="train $SUB --epochs 1 --arch mlp --widths 8 --threads 1"
echo "not a checkpoint" > other.ckpt
run normal 120 $TR --checkpoint other.ckpt
if [[ $CODE == 2 ]] && grep -q "not a checkpoint" other.ckpt; then result 8 checkpoint-overwrite-refused good "refused"; else result 8 checkpoint-overwrite-refused bad "exit$CODE, file $(head -c 20 other.ckpt | tr -dc '[:print:]')"; fi
mkdir -p real && timeout 120 $J $TR --checkpoint real/c.ckpt >/dev/null 2>&1; ln -sf real/c.ckpt link.ckpt
# rewrite through the link: with --force where the build knows it (it refuses to overwrite without), else plainly
FORCE=$($J train --help 2>/dev/null | grep -q -- '--force' && echo --force)
run normal 120 $TR --checkpoint link.ckpt $FORCE
if [[ $CODE == 0 && -L link.ckpt ]]; then result 8 checkpoint-symlink-kept good "still a link"
elif [[ -L link.ckpt ]]; then result 8 checkpoint-symlink-kept weak "exit$CODE: $(head -c 150 err)"
else result 8 checkpoint-symlink-kept bad "exit$CODE, link replaced by a regular file"; fi
ln -sf loop1 loop2; ln -sf loop2 loop1
run normal 120 $TR --checkpoint loop1 --resume
if [[ $CODE == 2 && $TRACE == 0 ]]; then result 8 checkpoint-resume-loop good "refused"; else result 8 checkpoint-resume-loop bad "exit$CODE (started from scratch?)"; fi
RACE="train --data subset --train-limit 2000 --test-limit 100 --epochs 40 --arch mlp --widths 128 --threads 1 --checkpoint race.ckpt --resume"
( timeout 300 $J $RACE >/dev/null 2>&1 & ); sleep 6
run normal 120 $RACE
if [[ $CODE == 2 ]] && grep -qi "another run" err; then result 8 checkpoint-lock good "second run refused"; else result 8 checkpoint-lock bad "exit$CODE: two runs on one file at once"; fi
refuse 8 notebooks-empty-dir notebooks --dir empty
# 9. Spark masters (with Spark's jars)
if [[ -n "$SPARK_JARS" ]]; then
  opens=(-Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true "-Dsde4j.spark.jars=$SPARK_JARS")
  for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
           java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
    opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
  done
  JS="java -Xmx1g ${opens[*]} -cp $CP:$SPARK_JARS/* org.sde4j.cli.Main"
  for m in 'local[0]' yarn spark://127.0.0.1:1; do
    start=$(date +%s.%N); timeout 150 $JS solve --problem gbm --paths 1000 --steps 8 --spark "$m" >out 2>err; CODE=$?
    SECS=$(echo "$(date +%s.%N) - $start" | bc); TRACE=$(grep -c $'^\tat \|internal error' err)
    if [[ $CODE == 2 && $TRACE == 0 ]]; then result 9 "spark-$m" good "exit2 ${SECS}s"
    elif [[ $CODE == 124 ]]; then result 9 "spark-$m" bad hang
    else result 9 "spark-$m" bad "exit$CODE with ${TRACE} trace lines after ${SECS}s"; fi
  done
fi
for c in 1 2 3 4 5 6 7 8 9; do echo "SUMMARY $LABEL class $c: good ${GOOD[$c]:-0} weak ${WEAK[$c]:-0} bad ${BAD[$c]:-0}"; done
