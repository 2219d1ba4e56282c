import picomatch from "picomatch";
const [glob, path] = [process.argv[2], process.argv[3]];
const m = picomatch(glob, { dot: true });
const s = performance.now(); m(path); console.log(glob.length, (performance.now() - s).toFixed(1), "ms");
