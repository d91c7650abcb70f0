// A Go program for tests/guest/i386-go/run.sh: built for GOARCH=386 (with
// GO386=sse2 and GO386=softfloat), run natively and under mimic-i386; its
// stdout must be the same bytes everywhere, so it prints only results that
// do not depend on scheduling or timing.
// Usage: workload [all|NAME...]; "panic" ends in an unrecovered panic.
package main

import (
	"crypto/sha256"
	"fmt"
	"math"
	"math/big"
	"math/rand"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// goroutines: a worker pool fed by a channel, results fanned in, a counter
// under a Mutex, a select over several channels and a timeout.
func goroutines() {
	runtime.GOMAXPROCS(4)
	jobs := make(chan int)
	results := make(chan [2]uint64)
	var wg sync.WaitGroup
	var mu sync.Mutex
	counter := 0
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range jobs {
				h := uint64(n) * 0x9e3779b97f4a7c15
				for i := 0; i < 2000; i++ {
					h ^= h >> 29
					h *= 0xbf58476d1ce4e5b9
					h += uint64(i)
				}
				mu.Lock()
				counter += n
				mu.Unlock()
				results <- [2]uint64{uint64(n), h}
			}
		}()
	}
	go func() {
		for n := 0; n < 400; n++ {
			jobs <- n
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	byJob := make([]uint64, 400)
	for r := range results {
		byJob[r[0]] = r[1]
	}
	var x uint64
	for i, h := range byJob {
		x ^= h * uint64(i+1)
	}
	fmt.Printf("pool: 400 jobs, 16 workers, counter %d, digest %016x\n", counter, x)

	// Many goroutines blocked at once, then released by closing a channel.
	start := make(chan struct{})
	var done int64
	var wg2 sync.WaitGroup
	for i := 0; i < 1000; i++ {
		wg2.Add(1)
		go func(i int) {
			defer wg2.Done()
			<-start
			atomic.AddInt64(&done, int64(i))
		}(i)
	}
	close(start)
	wg2.Wait()
	fmt.Printf("1000 goroutines released: sum %d\n", atomic.LoadInt64(&done))

	// select: three producers, one consumer, counts per channel.
	a, b, c := make(chan int), make(chan int), make(chan int, 5)
	quit := make(chan bool)
	for _, ch := range []chan int{a, b, c} {
		go func(ch chan int) {
			for i := 1; i <= 100; i++ {
				ch <- i
			}
		}(ch)
	}
	go func() {
		time.Sleep(5 * time.Millisecond)
		quit <- true
	}()
	sums := [3]int{}
	got := 0
	for got < 300 {
		select {
		case v := <-a:
			sums[0] += v
		case v := <-b:
			sums[1] += v
		case v := <-c:
			sums[2] += v
		}
		got++
	}
	<-quit
	select {
	case <-a:
		fmt.Println("select: unexpected value")
	case <-time.After(2 * time.Millisecond):
		fmt.Println("select: timeout fired")
	}
	fmt.Printf("select: sums %v\n", sums)

	// Ping-pong between two goroutines through unbuffered channels.
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v * 3
		}
		close(pong)
	}()
	acc := 0
	for i := 0; i < 2000; i++ {
		ping <- i
		acc += <-pong
	}
	close(ping)
	<-pong
	fmt.Printf("ping-pong: %d\n", acc)
}

// preemption: with one P, a goroutine spinning in a loop without calls can
// only give the CPU back through asynchronous preemption (SIGURG).
func preemption() {
	old := runtime.GOMAXPROCS(1)
	var stop int32
	var spins uint32
	finished := make(chan uint32)
	go func() {
		x := uint32(1)
		for atomic.LoadInt32(&stop) == 0 {
			x = x*1664525 + 1013904223
			spins++
		}
		finished <- x | 1
	}()
	runtime.Gosched()
	time.Sleep(20 * time.Millisecond)
	atomic.StoreInt32(&stop, 1)
	v := <-finished
	fmt.Printf("preemption: spinner stopped (odd %v, spun %v)\n", v&1 == 1, spins > 0)
	runtime.GOMAXPROCS(old)
}

func maps() {
	m := map[string]int{}
	for i := 0; i < 5000; i++ {
		m["k"+strconv.Itoa(i*7919%10007)] = i
	}
	for i := 0; i < 5000; i += 3 {
		delete(m, "k"+strconv.Itoa(i*7919%10007))
	}
	keys := make([]string, 0, len(m))
	sum := 0
	for k, v := range m {
		keys = append(keys, k)
		sum += v
	}
	sort.Strings(keys)
	fmt.Printf("map: %d keys, sum %d, first %v, last %v\n", len(m), sum, keys[:4], keys[len(keys)-3:])
	im := map[int64]float64{}
	for i := int64(-500); i < 500; i++ {
		im[i*i*i] = float64(i) / 7
	}
	ik := make([]int64, 0, len(im))
	for k := range im {
		ik = append(ik, k)
	}
	sort.Slice(ik, func(i, j int) bool { return ik[i] < ik[j] })
	fmt.Printf("map int64: %d, %v -> %g, %v -> %g\n", len(im), ik[0], im[ik[0]], ik[777], im[ik[777]])
	type pt struct{ x, y int }
	sm := map[pt]string{}
	for i := 0; i < 50; i++ {
		sm[pt{i % 7, i % 11}] = fmt.Sprint(i)
	}
	fmt.Printf("map struct: %d %s %s\n", len(sm), sm[pt{3, 3}], sm[pt{6, 10}])
	fmt.Println("map printed sorted:", map[string]int{"z": 1, "a": 2, "m": 3})
}

func floats() {
	vals := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1.0 / 3, 2.0 / 3, 1e-300, 5e-324,
		2.2250738585072014e-308, 1.7976931348623157e308, math.Pi, math.E, 123456789.123456789,
		-9.87654321e-5, 1e21, 1e22, 1 << 53, 1<<53 + 1, 0.5, 2.5, -2.5, 1e100,
		math.Inf(1), math.Inf(-1), math.NaN()}
	for _, v := range vals {
		fmt.Printf("%g|%e|%.3f|%v|%.17g|%x|%08.2f|%+.0e\n", v, v, v, v, v, v, v, v)
	}
	for _, v := range []float32{0.1, 1.0 / 3, 16777217, 3.4028235e38, 1e-45, -0.0} {
		fmt.Printf("f32 %g %e %v %b\n", v, v, v, math.Float32bits(v))
	}
	fmt.Printf("complex %v %.3f\n", complex(1.5, -2), complex(math.Sqrt2, math.Pi)*complex(0, 1))
}

func mathfuncs() {
	in := []float64{0, 0.5, 1, 2, 3.75, 10, 100, 1e-10, 1e10, 710, -745.2, -0.5, -3,
		math.Inf(1), math.Inf(-1), math.NaN(), 1e300, 4.9e-324}
	for _, x := range in {
		fmt.Printf("x=%g sqrt=%.17g exp=%.17g log=%.17g sin=%.17g cos=%.17g floor=%g ceil=%g trunc=%g\n",
			x, math.Sqrt(x), math.Exp(x), math.Log(x), math.Sin(x), math.Cos(x),
			math.Floor(x), math.Ceil(x), math.Trunc(x))
		fmt.Printf("  pow(x,1.5)=%.17g pow(2,x)=%.17g mod(x,0.7)=%.17g atan=%.17g tanh=%.17g cbrt=%.17g log1p=%.17g\n",
			math.Pow(x, 1.5), math.Pow(2, x), math.Mod(x, 0.7), math.Atan(x), math.Tanh(x),
			math.Cbrt(x), math.Log1p(x))
	}
	fmt.Println("nan == nan:", math.NaN() == math.NaN(), "isnan:", math.IsNaN(math.Log(-1)),
		"inf:", math.IsInf(math.Exp(1000), 1), "0*inf nan:", math.IsNaN(0*math.Inf(1)))
	fmt.Println("frexp:", fmt.Sprint(math.Frexp(1234.5)), "ldexp:", math.Ldexp(0.75, -1070),
		"hypot:", math.Hypot(3e200, 4e200), "fma:", math.FMA(0.1, 10, -1))
	var i64 int64 = math.MaxInt64
	var u64 uint64 = math.MaxUint64
	fmt.Println("conv:", int64(float64(1<<62)), float64(i64), float64(u64), uint32(float64(4e9)),
		int32(float32(-2147483648)), uint64(float64(1<<63)))
	s := 0.0
	for i := 1; i <= 20000; i++ {
		s += 1 / (float64(i) * float64(i))
	}
	fmt.Printf("basel %.17g (pi^2/6 %.17g)\n", s, math.Pi*math.Pi/6)
	f := big.NewInt(1)
	for i := int64(2); i <= 300; i++ {
		f.Mul(f, big.NewInt(i))
	}
	q, r := new(big.Int).QuoRem(f, big.NewInt(1000000007), new(big.Int))
	fmt.Printf("300! has %d digits, mod 1e9+7 = %v, quotient bits %d\n", len(f.String()), r, q.BitLen())
	bf := new(big.Float).SetPrec(200).SetInt64(2)
	bf.Sqrt(bf)
	fmt.Println("big sqrt2:", bf.Text('g', 50))
}

func strconvs(rng *rand.Rand) {
	bad := 0
	var h uint64
	for i := 0; i < 4000; i++ {
		var v float64
		switch i % 4 {
		case 0:
			v = math.Float64frombits(rng.Uint64())
		case 1:
			v = rng.NormFloat64() * math.Pow(10, float64(rng.Intn(40)-20))
		case 2:
			v = float64(rng.Int63n(1<<53)) / float64(int64(1)<<uint(rng.Intn(60)))
		default:
			v = rng.ExpFloat64()
		}
		for _, fm := range []byte{'g', 'e', 'f'} {
			s := strconv.FormatFloat(v, fm, -1, 64)
			back, err := strconv.ParseFloat(s, 64)
			if err != nil && !math.IsInf(v, 0) || (back != v && !math.IsNaN(v)) {
				bad++
			}
			for _, ch := range []byte(s) {
				h = h*1099511628211 ^ uint64(ch)
			}
		}
		s32 := strconv.FormatFloat(float64(float32(v)), 'g', -1, 32)
		b32, _ := strconv.ParseFloat(s32, 32)
		if float32(b32) != float32(v) && !math.IsNaN(v) {
			bad++
		}
	}
	fmt.Printf("strconv: 4000 values round trip, %d mismatches, text hash %016x\n", bad, h)
	for _, s := range []string{"1e309", "-1e-400", "0x1.8p3", "inf", "NaN", "1_000.5", "2.2250738585072011e-308", "abc"} {
		v, err := strconv.ParseFloat(s, 64)
		fmt.Printf("parse %q = %v err=%v\n", s, v, err)
	}
	n, err := strconv.ParseInt("-9223372036854775809", 10, 64)
	fmt.Println("parseint:", n, err, strconv.FormatInt(-1<<63, 36), strconv.Quote("tab\there\u00e9\x01"))
}

func sorting(rng *rand.Rand) {
	xs := make([]float64, 5000)
	for i := range xs {
		xs[i] = rng.Float64()*2000 - 1000
	}
	sort.Float64s(xs)
	type rec struct {
		name string
		n    int
	}
	rs := make([]rec, 300)
	for i := range rs {
		rs[i] = rec{fmt.Sprintf("n%03d", rng.Intn(50)), i}
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].name < rs[j].name })
	var sb strings.Builder
	for i := 0; i < 300; i += 37 {
		fmt.Fprintf(&sb, "%s/%d ", rs[i].name, rs[i].n)
	}
	fmt.Printf("sort: min %.6f median %.6f max %.6f sorted %v\n", xs[0], xs[2500], xs[4999], sort.Float64sAreSorted(xs))
	fmt.Println("stable:", sb.String())
	idx := sort.SearchFloat64s(xs, 0)
	fmt.Println("search 0 ->", idx)
}

func stringsWork(rng *rand.Rand) {
	var sb strings.Builder
	words := []string{"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"}
	for i := 0; i < 20000; i++ {
		sb.WriteString(words[rng.Intn(len(words))])
		sb.WriteByte(" ,;"[rng.Intn(3)])
	}
	s := sb.String()
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == ';' })
	count := map[string]int{}
	for _, w := range f {
		count[w]++
	}
	keys := make([]string, 0)
	for k := range count {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("%s=%d ", k, count[k])
	}
	fmt.Println()
	up := strings.ToUpper(s[:60])
	fmt.Println("strings:", len(s), strings.Count(s, "eta"), strings.Index(s, "zeta;zeta"),
		strings.LastIndex(s, "alpha,"), strings.IndexByte(s[1000:], 'z'), up,
		strings.Repeat("ab", 5), strings.EqualFold("Straße", "STRASSE"), strings.Title("hello world"))
	sum := sha256.Sum256([]byte(s))
	fmt.Printf("sha256: %x\n", sum)
}

// prng: integer and floating-point work from math/rand's fixed-seed stream.
func prng(rng *rand.Rand) {
	perm := rng.Perm(20)
	var acc uint32
	var facc float64
	for i := 0; i < 40000; i++ {
		v := rng.Uint32()
		acc = acc*31 + v>>(v&7)
		facc += float64(v%1000) / float64(i+1)
		if i%1000 == 0 {
			facc = math.Mod(facc*1.000001, 1e6)
		}
	}
	fmt.Printf("prng: perm %v acc %08x facc %.15g int63 %d\n", perm, acc, facc, rng.Int63())
}

type myErr struct{ code int }

func (e myErr) Error() string { return "myErr " + strconv.Itoa(e.code) }

func tryPanic(name string, f func()) {
	defer func() {
		r := recover()
		if e, ok := r.(runtime.Error); ok {
			fmt.Printf("recovered %s: %v (runtime.Error)\n", name, e.Error())
		} else {
			fmt.Printf("recovered %s: %v\n", name, r)
		}
	}()
	f()
}

var sink []int
var zero = 0

func panics() {
	tryPanic("explicit", func() { panic(myErr{42}) })
	tryPanic("index", func() { sink = make([]int, 3); _ = sink[zero+5] })
	tryPanic("nil map", func() { var m map[string]int; m["x"] = 1 })
	tryPanic("nil pointer", func() { var p *myErr; fmt.Println(p.code) })
	tryPanic("divide", func() { fmt.Println(10 / zero) })
	tryPanic("closed channel", func() { c := make(chan int); close(c); close(c) })
	done := make(chan string)
	go func() {
		defer func() { done <- fmt.Sprint("goroutine recovered: ", recover()) }()
		var a []int
		a[zero] = 1
	}()
	fmt.Println(<-done)
}

func sleeping() {
	t0 := time.Now()
	time.Sleep(15 * time.Millisecond)
	el := time.Since(t0)
	tk := time.NewTicker(2 * time.Millisecond)
	n := 0
	for range tk.C {
		n++
		if n == 5 {
			break
		}
	}
	tk.Stop()
	timer := time.AfterFunc(time.Millisecond, func() {})
	time.Sleep(3 * time.Millisecond)
	fmt.Printf("sleep: slept >= 15ms %v, 5 ticks, timer stopped late %v, date %s\n",
		el >= 15*time.Millisecond, !timer.Stop(), time.Unix(1700000000, 0).UTC().Format(time.RFC3339))
}

func main() {
	args := os.Args[1:]
	if len(args) == 0 {
		args = []string{"all"}
	}
	for _, a := range args {
		rng := rand.New(rand.NewSource(20260507))
		switch a {
		case "all":
			goroutines()
			preemption()
			maps()
			floats()
			mathfuncs()
			strconvs(rng)
			sorting(rng)
			stringsWork(rng)
			prng(rng)
			panics()
			sleeping()
		case "goroutines":
			goroutines()
		case "preemption":
			preemption()
		case "maps":
			maps()
		case "floats":
			floats()
		case "math":
			mathfuncs()
		case "strconv":
			strconvs(rng)
		case "sort":
			sorting(rng)
		case "strings":
			stringsWork(rng)
		case "prng":
			prng(rng)
		case "panics":
			panics()
		case "sleep":
			sleeping()
		case "panic":
			fmt.Println("about to panic")
			var m map[int]int
			m[1] = 1
		case "exit":
			fmt.Println("exiting with 7")
			os.Exit(7)
		default:
			fmt.Println("unknown case", a)
			os.Exit(2)
		}
	}
	fmt.Println("done")
}
