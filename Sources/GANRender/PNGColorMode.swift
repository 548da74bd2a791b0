/// How ``Canvas/pngData(compression:colors:)`` stores colours.
///
/// libgd writes a truecolor PNG through libpng's adaptive row filters, which cost more than
/// the compression itself (≈ 18 ms for an 800×600 frame even at zlib level 0); a palette PNG
/// (one byte per pixel, no filter search, written by GANScope's own `PalettePNG`) of the same
/// frame takes ≈ 1 ms. So an image with at most 256 colours is written as a palette PNG, and
/// frames may ask for their colours to be reduced to 256.
public enum PNGColorMode: Sendable, Equatable {
    /// Always 8-bit RGB (RGBA for a canvas with a translucent background).
    case truecolor
    /// A palette PNG when the image has at most 256 distinct colours, else truecolor; either
    /// way the decoded pixels are exactly the canvas's.
    case lossless
    /// At most 256 colours: exact when the image has that few, else a median cut weighted by
    /// pixel count in which flat colours stay exact (as in the animation's GIF frames). A
    /// canvas with a translucent background, or with more than 65 536 distinct colours, is
    /// written as truecolor.
    case reduced
}
