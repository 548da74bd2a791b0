import GANRun
