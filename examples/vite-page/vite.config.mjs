// Relative asset URLs, so the built page works from any directory. (No import of "vite" here: the
// example builds with whichever vite runs it.)
export default { base: "./" };
