// `import GANScope` brings the whole library: the numerical core (GANCore), drawing
// (GANRender) and the run layer (GANRun). The catalogue GANScope.docc documents it.
@_exported import GANCore
@_exported import GANRender
@_exported import GANRun
