import GANCore
